package io.edpipe.core.items;

/**
 * One option of a question as an attempt left it.
 *
 * @param optionId the option's id, shared by every attempt of the exam (null when the message had none)
 * @param checked whether the option was ticked when the attempt was submitted
 * @param correct whether it is a right answer (the message carries the key only when it is)
 */
public record OptionResponse(String optionId, boolean checked, boolean correct) {}
