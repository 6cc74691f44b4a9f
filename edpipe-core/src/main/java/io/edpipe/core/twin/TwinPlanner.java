package io.edpipe.core.twin;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Plans the exact twin: one {@link AttemptDraft} per distinct user_exam_id of each catalog exam, then, step by
 * step, copies, base_exam_ids, question counts, correct counts, certification and start times, so that the
 * records reproduce the catalog and {@link PublishedFigures}. Checks the figures it is responsible for before
 * handing the plan over.
 */
final class TwinPlanner {
  /** Questions of the test exam's attempts (they have no counts, so no published figure constrains them). */
  private static final int TEST_EXAM_MAX_QUESTIONS = 3;

  private TwinPlanner() {}

  static TwinPlan plan(ExamCatalog catalog, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<List<AttemptDraft>> drafts = new ArrayList<>();
    for (int i = 0; i < catalog.exams().size(); i++) {
      List<AttemptDraft> exam = new ArrayList<>();
      for (int d = 0; d < catalog.exams().get(i).distinctUserExamIds(); d++) {
        exam.add(new AttemptDraft(i));
      }
      drafts.add(exam);
    }
    new DuplicatePlanner(PublishedFigures.USER_EXAM_IDS_SEEN_THREE_TIMES, PublishedFigures.USER_EXAM_IDS_SEEN_TWICE)
        .assign(catalog, drafts, random);
    assignBaseExams(catalog, drafts);
    new QuestionCountPlanner(PublishedFigures.QUESTIONS_PER_ATTEMPT).assign(catalog, drafts);
    fitCorrectCounts(catalog, drafts, random);
    List<AttemptDraft> all = drafts.stream().flatMap(List::stream).toList();
    leaveOutCertification(all, PublishedFigures.CERTIFICATION_ABSENT, random);
    assignStartTimes(all, random);
    all.forEach(draft -> draft.seed = random.nextLong());

    List<AttemptPlan> attempts =
        all.stream().map(draft -> draft.toPlan(catalog.exams().get(draft.examIndex).scores().isPresent())).toList();
    check(catalog, drafts);
    return new TwinPlan(catalog, attempts, ExamBanks.create(catalog, attempts, random));
  }

  /** Fills each base_exam_id's records, attempts with the most copies first. */
  private static void assignBaseExams(ExamCatalog catalog, List<List<AttemptDraft>> drafts) {
    for (int i = 0; i < drafts.size(); i++) {
      List<ExamCatalog.BaseExam> baseExams = catalog.exams().get(i).baseExams();
      int[] left = baseExams.stream().mapToInt(ExamCatalog.BaseExam::records).toArray();
      List<AttemptDraft> byCopies =
          drafts.get(i).stream().sorted(Comparator.comparingInt((AttemptDraft d) -> -d.copies)).toList();
      for (AttemptDraft draft : byCopies) {
        int best = -1;
        for (int b = 0; b < left.length; b++) {
          if (left[b] >= draft.copies && (best < 0 || left[b] > left[best])) {
            best = b;
          }
        }
        if (best < 0) {
          throw new PipelineException(
              ErrorCode.INTERNAL, "Cannot plan base_exam_ids of exam %s", catalog.exams().get(i).name());
        }
        draft.baseExamId = baseExams.get(best).id();
        left[best] -= draft.copies;
      }
    }
  }

  private static void fitCorrectCounts(
      ExamCatalog catalog, List<List<AttemptDraft>> drafts, SplittableRandom random) {
    List<List<ScoreGroup>> groupsByExam = new ArrayList<>();
    List<Integer> correctByExam = new ArrayList<>();
    List<CorrectCountFitter.AllCorrectPool> pools = new ArrayList<>();
    List<ScoreGroup> others = new ArrayList<>();
    ScoreTargets targets = ScoreTargets.published();
    int othersTarget = targets.allCorrect();
    for (int i = 0; i < drafts.size(); i++) {
      ExamCatalog.Exam exam = catalog.exams().get(i);
      if (exam.scores().isEmpty()) {
        for (AttemptDraft draft : drafts.get(i)) {
          draft.questionCount = 1 + random.nextInt(TEST_EXAM_MAX_QUESTIONS);
          draft.correctCount = random.nextInt(draft.questionCount + 1);
        }
        continue;
      }
      SortedMap<Integer, List<AttemptDraft>> byQuestions = new TreeMap<>();
      for (AttemptDraft draft : drafts.get(i)) {
        byQuestions.computeIfAbsent(draft.questionCount, count -> new ArrayList<>()).add(draft);
      }
      int examIndex = i;
      List<ScoreGroup> groups =
          byQuestions.entrySet().stream()
              .map(entry -> new ScoreGroup(examIndex, entry.getKey(), entry.getValue()))
              .toList();
      groupsByExam.add(groups);
      correctByExam.add(exam.scores().orElseThrow().correct());
      Integer published = targets.allCorrectByExam().get(exam.name());
      if (published != null) {
        pools.add(new CorrectCountFitter.AllCorrectPool(exam.name(), groups, published));
        othersTarget -= published;
      } else {
        others.addAll(groups);
      }
    }
    pools.add(new CorrectCountFitter.AllCorrectPool("the other exams", others, othersTarget));
    new GroupSumPlanner(targets.meanScorePercent()).assign(groupsByExam, correctByExam);
    new CorrectCountFitter(random).fit(pools);
  }

  /** Certification is left out of {@code records} single-copy attempts. */
  private static void leaveOutCertification(List<AttemptDraft> all, int records, SplittableRandom random) {
    List<AttemptDraft> singles = new ArrayList<>(all.stream().filter(draft -> draft.copies == 1).toList());
    for (int i = 0; i < records; i++) {
      int j = i + random.nextInt(singles.size() - i);
      AttemptDraft chosen = singles.get(j);
      singles.set(j, singles.get(i));
      singles.set(i, chosen);
      chosen.hasCertification = false;
    }
  }

  /** Starts inside the published range; two attempts start in its first and last minute. */
  private static void assignStartTimes(List<AttemptDraft> all, SplittableRandom random) {
    StartTimeSampler sampler = StartTimeSampler.insidePublishedRange();
    all.forEach(draft -> draft.startedAtMillis = sampler.sample(random));
    int first = random.nextInt(all.size());
    int last = (first + 1 + random.nextInt(all.size() - 1)) % all.size();
    all.get(first).startedAtMillis =
        StartTimeSampler.withinMinute(PublishedFigures.STARTED_AT_MIN_MINUTE, random);
    all.get(last).startedAtMillis = StartTimeSampler.withinMinute(PublishedFigures.STARTED_AT_MAX_MINUTE, random);
  }

  /** The figures the plan decides; a failure here is a bug in the planning steps. */
  private static void check(ExamCatalog catalog, List<List<AttemptDraft>> drafts) {
    for (int i = 0; i < drafts.size(); i++) {
      ExamCatalog.Exam exam = catalog.exams().get(i);
      List<AttemptDraft> attempts = drafts.get(i);
      int records = attempts.stream().mapToInt(draft -> draft.copies).sum();
      int total = attempts.stream().mapToInt(draft -> draft.questionCount * draft.copies).sum();
      int correct = CorrectCountFitter.weightedCorrect(attempts);
      boolean scoresMatch =
          exam.scores().map(scores -> scores.total() == total && scores.correct() == correct).orElse(true);
      if (records != exam.records() || !scoresMatch) {
        throw new PipelineException(
            ErrorCode.INTERNAL,
            "Cannot plan exam %s: planned %s records, %s of %s correct; catalog %s",
            exam.name(),
            records,
            correct,
            total,
            exam);
      }
    }
    SortedMap<Integer, Integer> histogram = QuestionCountPlanner.histogram(catalog, drafts);
    if (!histogram.equals(PublishedFigures.QUESTIONS_PER_ATTEMPT)) {
      throw new PipelineException(
          ErrorCode.INTERNAL,
          "Cannot plan question counts: planned %s, published %s",
          histogram,
          PublishedFigures.QUESTIONS_PER_ATTEMPT);
    }
  }
}
