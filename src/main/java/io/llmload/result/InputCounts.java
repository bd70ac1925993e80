package io.llmload.result;

/**
 * What the requests sent carried besides text (report.json {@code inputs}): counted per request
 * body handed to the client (warmup and failed requests included, as with the prompt-token tally),
 * not per configured setting. {@code imageBytes} and {@code audioBytes} are the decoded bytes of the
 * media carried inline; an image given as an http(s) URL counts as an image of 0 bytes (the server
 * fetches it).
 */
public record InputCounts(long requests, long requestsWithImages, long images, long imageBytes, long requestsWithAudio,
                          long audioClips, long audioBytes, long requestsWithTools, long requestsWithResponseFormat) {

    /** True when any request carried an image, an audio clip, tools or a response format. */
    public boolean any() {
        return requestsWithImages > 0 || requestsWithAudio > 0 || requestsWithTools > 0 || requestsWithResponseFormat > 0;
    }

    /** One line for the console and the summaries, e.g. "inputs: 120 of 120 requests with images (240 images, 1.6 MB)". */
    public String describe() {
        StringBuilder out = new StringBuilder();
        if (requestsWithImages > 0) {
            out.append(requestsWithImages).append(" with images (").append(images).append(" images");
            if (imageBytes > 0) {
                out.append(", ").append(bytes(imageBytes));
            }
            out.append(")");
        }
        if (requestsWithAudio > 0) {
            out.append(out.length() > 0 ? ", " : "").append(requestsWithAudio).append(" with audio (").append(audioClips)
                    .append(" clips, ").append(bytes(audioBytes)).append(")");
        }
        if (requestsWithTools > 0) {
            out.append(out.length() > 0 ? ", " : "").append(requestsWithTools).append(" with tools");
        }
        if (requestsWithResponseFormat > 0) {
            out.append(out.length() > 0 ? ", " : "").append(requestsWithResponseFormat).append(" with response_format");
        }
        return "of " + requests + " requests sent: " + out;
    }

    private static String bytes(long n) {
        if (n >= 1_000_000) {
            return String.format(java.util.Locale.ROOT, "%.1f MB", n / 1e6);
        }
        if (n >= 1_000) {
            return String.format(java.util.Locale.ROOT, "%.1f kB", n / 1e3);
        }
        return n + " B";
    }
}
