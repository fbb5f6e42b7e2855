package io.smolsnake.embedded.sfn;

/** Naming rules for history events. */
final class HistoryEvents {
    private HistoryEvents() {}

    static String detailsField(String type) {
        if (type.endsWith("StateEntered")) {
            return "stateEnteredEventDetails";
        }
        if (type.endsWith("StateExited")) {
            return "stateExitedEventDetails";
        }
        return Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails";
    }
}
