package io.edpipe.core.items;

import java.util.List;

/**
 * One question of an attempt.
 *
 * @param questionId the question's id, shared by every attempt of the exam that got it (may be null)
 * @param userCorrect the message's verdict; null when absent
 * @param options the options as the attempt left them, in any order
 */
public record QuestionResponse(String questionId, Boolean userCorrect, List<OptionResponse> options) {
  public QuestionResponse {
    options = List.copyOf(options);
  }

  public int correctOptions() {
    return (int) options.stream().filter(OptionResponse::correct).count();
  }

  public int checkedCorrectOptions() {
    return (int) options.stream().filter(option -> option.checked() && option.correct()).count();
  }

  public int checkedIncorrectOptions() {
    return (int) options.stream().filter(option -> option.checked() && !option.correct()).count();
  }
}
