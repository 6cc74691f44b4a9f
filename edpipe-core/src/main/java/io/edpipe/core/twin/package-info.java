/**
 * The statistical twin of {@code assessment-attempts-20180128-121051-nested.json}, which cannot be downloaded:
 * {@link io.edpipe.core.twin.TwinGenerator} writes records that the pipeline reads exactly like the real file.
 *
 * <p>Sources, all on the classpath (nothing is read from outside the jar): the exam catalog ({@link
 * io.edpipe.core.twin.ExamCatalog}, per-exam figures) and {@link io.edpipe.core.twin.PublishedFigures} (the
 * file-wide figures). With the published record count the twin reproduces all of them exactly, for any seed:
 *
 * <ol>
 *   <li>{@code DuplicatePlanner}: each exam's extra rows become attempts seen three times or twice (18 and 2).
 *   <li>base_exam_ids are filled to the catalog's record splits.
 *   <li>{@code QuestionCountPlanner}: each exam's mean number of questions, then one exchange inside the largest
 *       3-question exam (8 attempts of 2 and 2 of 7 questions for 10 of 3) to match the published histogram.
 *   <li>{@code GroupSumPlanner} and {@code CorrectCountFitter}: correct answers per attempt, beta-binomial around
 *       each exam's rate, exact per exam; the mean of correct/total is counted exactly (in units of 1/840) and
 *       all-correct records are hit by trading single answers between attempts of the same exam, question count
 *       and copies, which keeps every sum.
 *   <li>certification is left out of 132 single-copy attempts; start times are drawn (below), two of them planted
 *       in the first and last published minute.
 * </ol>
 *
 * <p>Decisions where the published figures leave a choice:
 *
 * <ul>
 *   <li><b>certification</b>: the figures say "absent or null" 132 times; the sample's records all carry {@code
 *       "false"}. The twin leaves the key out (keen only records the properties an event has, and a null would be
 *       the one top-level value that is not a string).
 *   <li><b>array layout</b>: {@code "[\n"}, one record per line separated by {@code ",\n"}, then {@code "\n]\n"}.
 *       The real file's whitespace between elements is unknown; this layout is valid JSON for array readers and
 *       line-splittable. JSON Lines is the other format.
 *   <li><b>keen_timestamp / keen_created_at</b>: equal strings, C's {@code %.17g} of the double nearest to the
 *       microsecond epoch time (mostly 6 decimals, a 7th when the double's error shows, fewer when trailing zeros
 *       drop), which is the form all ten real records have; 0.3 to 4 s after the last touched option.
 *   <li><b>keen_id</b>: a MongoDB ObjectId like the real ones: 8 hex digits of the keen timestamp's seconds, 6 random,
 *       {@code 0001}, 6 random.
 *   <li><b>started_at</b>: uniform over the days of the published range, thinned by hour of day (UTC; fewest
 *       starts 05:00 to 09:00, i.e. night in the Americas) and weekends at 70 %; the file is shuffled, not in time
 *       order, and copies of an attempt are never adjacent.
 *   <li><b>questions</b>: each exam has a fixed form, its largest attempt's questions, as the real records show
 *       (attempts of an exam share their questions); options 2 to 6 per question with 1 to 3 correct; every attempt
 *       takes its questions from the form in random order with the options shuffled, so question ids, option ids
 *       and correct options are stable within an exam. Which
 *       questions an attempt gets right is weighted by a per-question easiness. The test exam's records have 1 to 3
 *       questions and no {@code counts}.
 * </ul>
 *
 * <p>Other record counts sample attempts of the exact plan with fresh ids and start times (any minute of the
 * range), streaming in constant memory; duplicates reappear 2 to 2,000 records later as exact copies.
 */
package io.edpipe.core.twin;
