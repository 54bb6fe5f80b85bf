package dev.hexsnap.api.rollout;

import dev.hexsnap.api.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Locale;

/**
 * Reads the roll-out subject of a request: {@code userId} and {@code city} from the query, or
 * from the {@value #USER_HEADER} and {@value #CITY_HEADER} headers (the query wins when both
 * are given).
 */
public final class RolloutSubjects {

    public static final String USER_HEADER = "X-User-Id";
    public static final String CITY_HEADER = "X-City";

    private RolloutSubjects() {
    }

    /**
     * @throws ApiException 400 naming the parameter when a user id or city is malformed
     */
    public static RolloutSubject of(HttpServletRequest request, String userId, String city, String storeId) {
        String user = firstNonNull(userId, request.getHeader(USER_HEADER));
        String c = firstNonNull(city, request.getHeader(CITY_HEADER));
        if (user != null && !RolloutRule.USER_ID.matcher(user).matches()) {
            throw ApiException.badParameter("userId", "userId must be 1-128 of letters, digits and _ . : @ -");
        }
        if (c != null) {
            c = c.strip().toLowerCase(Locale.ROOT);
            if (!RolloutRule.CITY.matcher(c).matches()) {
                throw ApiException.badParameter("city", "city must be a city slug such as shanghai (1-40 of a-z, 0-9, -)");
            }
        }
        return new RolloutSubject(user, c, storeId);
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
