package io.llmload.scenario;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the values of credential-looking query parameters ({@code ?api-key=…}, {@code &token=…},
 * Azure's {@code sig=…}) in a URL shown to people: some providers take the key in the query string,
 * and the target URL goes to the console and into every report.
 */
public final class QueryMask {
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "([?&](?i:api[-_]?key|key|token|access[-_]?token|auth|secret|password|sig|signature|code)=)[^&#]*");

    private QueryMask() {
    }

    public static String mask(String url) {
        if (url == null || url.indexOf('?') < 0) {
            return url;
        }
        Matcher m = SECRET_PARAM.matcher(url);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + KnownSecrets.MASK));
    }
}
