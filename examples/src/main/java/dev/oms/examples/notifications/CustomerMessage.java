package dev.oms.examples.notifications;

import java.util.Optional;

/**
 * A message to a customer, as the host's messenger sends it (e-mail, push, SMS).
 *
 * @param subject the subject line
 * @param body the text
 * @param link a link to follow (a tracking page), if any
 */
public record CustomerMessage(String subject, String body, Optional<String> link) {
}
