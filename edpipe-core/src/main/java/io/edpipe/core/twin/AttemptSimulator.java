package io.edpipe.core.twin;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.twin.SimulatedAttempt.OptionShape;
import io.edpipe.core.twin.SimulatedAttempt.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plays out a planned attempt: which bank questions it gets (in random order, options shuffled), which of them it
 * answers right (easier questions more often), what went wrong with the others, and when each option was touched.
 * A pure function of the plan, so the copies of a duplicated attempt come out byte for byte the same.
 */
final class AttemptSimulator {
  /** Share of imperfect attempts that the learner gave up on: most of their wrong questions stay unanswered. */
  private static final double ABANDONED = 0.08;

  private static final double UNANSWERED_WHEN_ABANDONED = 0.75;
  private static final double INCORRECT_RATHER_THAN_MISSED_SOME = 0.55;
  private static final double UNTICKED_WRONG_OPTION = 0.04;
  private static final double MORE_THAN_ONE_WRONG_CHECKED = 0.2;

  private final ExamCatalog catalog;
  private final ExamBanks banks;

  AttemptSimulator(ExamCatalog catalog, ExamBanks banks) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.banks = requireNonNull(banks, "banks is null");
  }

  SimulatedAttempt simulate(AttemptPlan plan) {
    SplittableRandom random = new SplittableRandom(plan.seed());
    String userExamId = RandomIds.uuid(random);
    List<QuestionBank.Question> drawn = draw(banks.bank(plan.examIndex()), plan.questionCount(), random);
    boolean[] right = chooseRight(drawn, plan.correctCount(), random);
    boolean abandoned = plan.correctCount() < plan.questionCount() && random.nextDouble() < ABANDONED;
    Clock clock = new Clock(plan.startedAtMillis() + 1_500 + random.nextInt(8_000));
    List<SimulatedAttempt.Question> questions = new ArrayList<>(drawn.size());
    for (int i = 0; i < drawn.size(); i++) {
      QuestionBank.Question question = drawn.get(i);
      Result result = right[i] ? Result.CORRECT : wrongResult(question, abandoned, random);
      questions.add(new SimulatedAttempt.Question(question.id(), result, answer(question, result, clock, random)));
    }
    long submittedMillis = Math.max(clock.lastTouch, plan.startedAtMillis()) + 300 + random.nextInt(3_700);
    long keenMicros = submittedMillis * 1_000 + random.nextInt(1_000);
    String keenTimestamp = TimestampText.epochSeconds(keenMicros);
    return new SimulatedAttempt(
        keenTimestamp,
        TimestampText.isoMillis(plan.startedAtMillis()),
        plan.baseExamId(),
        userExamId,
        questions,
        banks.sequenceId(plan.baseExamId()),
        plan.hasCounts(),
        plan.hasCertification(),
        RandomIds.keenId(Math.floorDiv(keenMicros, 1_000_000L), random),
        catalog.exams().get(plan.examIndex()).name());
  }

  /** {@code count} distinct questions of the bank in random order. */
  private static List<QuestionBank.Question> draw(QuestionBank bank, int count, SplittableRandom random) {
    List<QuestionBank.Question> pool = new ArrayList<>(bank.questions());
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(pool.size() - i);
      QuestionBank.Question swapped = pool.get(i);
      pool.set(i, pool.get(j));
      pool.set(j, swapped);
    }
    return pool.subList(0, count);
  }

  /** Which questions are right: {@code correct} of them, drawn without replacement weighted by easiness. */
  private static boolean[] chooseRight(List<QuestionBank.Question> questions, int correct, SplittableRandom random) {
    boolean[] right = new boolean[questions.size()];
    for (int chosen = 0; chosen < correct; chosen++) {
      double total = 0;
      for (int i = 0; i < questions.size(); i++) {
        total += right[i] ? 0 : questions.get(i).easiness();
      }
      double pick = random.nextDouble() * total;
      int last = -1;
      for (int i = 0; i < questions.size(); i++) {
        if (!right[i]) {
          last = i;
          pick -= questions.get(i).easiness();
          if (pick < 0) {
            break;
          }
        }
      }
      right[last] = true; // the last free question when rounding overshoots the range
    }
    return right;
  }

  private static Result wrongResult(QuestionBank.Question question, boolean abandoned, SplittableRandom random) {
    if (abandoned && random.nextDouble() < UNANSWERED_WHEN_ABANDONED) {
      return Result.UNANSWERED;
    }
    boolean canBeIncorrect = question.wrongOptions() > 0;
    boolean canMissSome = question.correctOptions() > 1;
    if (canBeIncorrect && canMissSome) {
      return random.nextDouble() < INCORRECT_RATHER_THAN_MISSED_SOME ? Result.INCORRECT : Result.MISSED_SOME;
    }
    return canBeIncorrect ? Result.INCORRECT : Result.MISSED_SOME;
  }

  /** The question's options in a fresh order, each in the shape the result implies, touched ones timed. */
  private static List<SimulatedAttempt.Option> answer(
      QuestionBank.Question question, Result result, Clock clock, SplittableRandom random) {
    List<QuestionBank.Option> options = shuffled(question.options(), random);
    OptionShape[] shapes = shapes(options, result, random);
    List<Integer> touched = new ArrayList<>();
    for (int i = 0; i < shapes.length; i++) {
      if (shapes[i].hasAt()) {
        touched.add(random.nextInt(touched.size() + 1), i); // touched in random order, not list order
      }
    }
    String[] at = new String[shapes.length];
    for (int i : touched) {
      clock.touch(400 + random.nextInt(5_600));
      at[i] = TimestampText.isoMillis(clock.now);
    }
    clock.pass(touched.isEmpty() ? random.nextInt(3_000) : 1_000 + random.nextInt(11_000));
    List<SimulatedAttempt.Option> answered = new ArrayList<>(shapes.length);
    for (int i = 0; i < shapes.length; i++) {
      answered.add(new SimulatedAttempt.Option(options.get(i).id(), shapes[i], at[i]));
    }
    return answered;
  }

  private static OptionShape[] shapes(List<QuestionBank.Option> options, Result result, SplittableRandom random) {
    List<Integer> correct = new ArrayList<>();
    List<Integer> wrong = new ArrayList<>();
    for (int i = 0; i < options.size(); i++) {
      (options.get(i).correct() ? correct : wrong).add(i);
    }
    OptionShape[] shapes = new OptionShape[options.size()];
    for (int i : wrong) {
      boolean unticked = result != Result.UNANSWERED && random.nextDouble() < UNTICKED_WRONG_OPTION;
      shapes[i] = unticked ? OptionShape.UNTICKED : OptionShape.UNCHECKED;
    }
    for (int i : correct) {
      shapes[i] = OptionShape.UNCHECKED_CORRECT;
    }
    switch (result) {
      case CORRECT -> correct.forEach(i -> shapes[i] = OptionShape.CHECKED_CORRECT);
      case MISSED_SOME -> {
        int chosen = 1 + random.nextInt(correct.size() - 1);
        shuffled(correct, random).subList(0, chosen).forEach(i -> shapes[i] = OptionShape.CHECKED_CORRECT);
      }
      case INCORRECT -> {
        int chosen = random.nextDouble() < MORE_THAN_ONE_WRONG_CHECKED ? 1 + random.nextInt(wrong.size()) : 1;
        shuffled(wrong, random).subList(0, chosen).forEach(i -> shapes[i] = OptionShape.CHECKED_WRONG);
        correct.stream().filter(i -> random.nextBoolean()).forEach(i -> shapes[i] = OptionShape.CHECKED_CORRECT);
      }
      case UNANSWERED -> {
        // nothing chosen
      }
    }
    return shapes;
  }

  private static <T> List<T> shuffled(List<T> values, SplittableRandom random) {
    List<T> copy = new ArrayList<>(values);
    for (int i = copy.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T swapped = copy.get(i);
      copy.set(i, copy.get(j));
      copy.set(j, swapped);
    }
    return copy;
  }

  /** The attempt's time line: now, and the last time an option was touched. */
  private static final class Clock {
    long now;
    long lastTouch;

    Clock(long start) {
      this.now = start;
    }

    void touch(long afterMillis) {
      now += afterMillis;
      lastTouch = now;
    }

    void pass(long millis) {
      now += millis;
    }
  }
}
