package io.maskflow.sdk.step;

/** Where a command message was read, for dead-letter records and logs. */
public record CommandSource(String topic, int partition, long offset) {
}
