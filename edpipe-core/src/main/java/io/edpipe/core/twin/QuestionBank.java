package io.edpipe.core.twin;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An exam's questions. Attempts draw their questions from it, so question ids, option ids and which options are
 * correct are the same in every attempt of the exam; only the option order is shuffled per attempt.
 */
record QuestionBank(List<Question> questions) {
  /** Options per question: 2 to 6, mostly 4. */
  private static final int[] OPTION_COUNTS = {2, 3, 3, 3, 4, 4, 4, 4, 5, 6};

  /** Correct options per question: 1 to 3 (never more than the options). */
  private static final int[] CORRECT_COUNTS = {1, 1, 1, 1, 1, 2, 2, 2, 3, 3};

  QuestionBank {
    questions = List.copyOf(questions);
    if (questions.isEmpty()) {
      throw new IllegalArgumentException("a question bank needs questions");
    }
  }

  /**
   * The questions of an exam whose largest attempt has {@code maxQuestions}: a fixed form, as in the real records,
   * where every attempt of an exam has the same questions in a shuffled order. Attempts with fewer questions draw
   * some of them.
   */
  static QuestionBank create(int maxQuestions, SplittableRandom random) {
    int size = maxQuestions;
    List<Question> questions = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      int optionCount = OPTION_COUNTS[random.nextInt(OPTION_COUNTS.length)];
      int correctCount = Math.min(optionCount, CORRECT_COUNTS[random.nextInt(CORRECT_COUNTS.length)]);
      List<Option> options = new ArrayList<>(optionCount);
      for (int o = 0; o < optionCount; o++) {
        options.add(new Option(RandomIds.uuid(random), false));
      }
      for (int placed = 0; placed < correctCount; ) {
        int o = random.nextInt(optionCount);
        if (!options.get(o).correct()) {
          options.set(o, new Option(options.get(o).id(), true));
          placed++;
        }
      }
      // easiness weights which questions an attempt gets right, so that questions differ in difficulty
      questions.add(new Question(RandomIds.uuid(random), options, 0.3 + 1.4 * random.nextDouble()));
    }
    return new QuestionBank(questions);
  }

  record Question(String id, List<Option> options, double easiness) {
    Question {
      requireNonNull(id, "id is null");
      options = List.copyOf(options);
    }

    int correctOptions() {
      return (int) options.stream().filter(Option::correct).count();
    }

    int wrongOptions() {
      return options.size() - correctOptions();
    }
  }

  record Option(String id, boolean correct) {
    Option {
      requireNonNull(id, "id is null");
    }
  }
}
