package org.tandemdns.interop;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.xbill.DNS.Message;

/**
 * A kind of question where Tandem deliberately answers differently from Knot, why (the RFC that
 * makes Tandem's answer right), and how the two answers are compared there instead.
 *
 * @param pattern the questions concerned, in words
 * @param applies selects those questions
 * @param reason why the difference is deliberate
 * @param comparison the relaxed comparison (knot, tandem) → differences
 */
record DeliberateDifference(
    String pattern,
    Predicate<DifferentialQuestion> applies,
    String reason,
    BiFunction<Message, Message, List<String>> comparison) {}
