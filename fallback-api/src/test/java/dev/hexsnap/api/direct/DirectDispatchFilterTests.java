package dev.hexsnap.api.direct;

import dev.hexsnap.api.error.ApiException;
import dev.hexsnap.api.health.ApiMetrics;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** Which requests the filter serves itself, which it leaves to Spring MVC, and how it answers errors. */
class DirectDispatchFilterTests {

    final List<String> served = new ArrayList<>();
    final HandlerExceptionResolver resolver = mock(HandlerExceptionResolver.class);
    final ApiMetrics metrics = mock(ApiMetrics.class);
    final FilterChain chain = mock(FilterChain.class);
    final MockHttpServletResponse response = new MockHttpServletResponse();

    DirectRoute home = (path, request, response) -> {
        if (!path.equals("/v1/snapshots/home")) {
            return false;
        }
        served.add(path);
        response.setStatus(200);
        return true;
    };

    DirectDispatchFilter filter(DirectRoute... routes) {
        return new DirectDispatchFilter(List.of(routes), resolver, metrics);
    }

    @Test
    void aPlainGetOfARoutesPathIsServedAndTimedWithoutGoingDownTheChain() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/snapshots/home");

        filter(home).doFilter(request, response, chain);

        assertThat(served).containsExactly("/v1/snapshots/home");
        verifyNoInteractions(chain);
        verify(metrics).record(same(request), same(response), anyLong(), isNull());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "HEAD, /v1/snapshots/home",
            "POST, /v1/snapshots/home",
            "GET, /v1/snapshot%73/home",
            "GET, /v1/snapshots/home;jsessionid=1",
            "GET, /v1/snapshots/store/../home",
            "GET, /v1/snapshots//home",
            "GET, /v1/snapshots/store/a:b/categories",
            "GET, /v1/snapshots/elsewhere",
            "GET, /actuator/health"})
    void everythingElseIsLeftToSpringMvcUntouched(String method, String uri) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);

        filter(home).doFilter(request, response, chain);

        assertThat(served).isEmpty();
        verify(chain).doFilter(request, response);
        verify(metrics, never()).record(any(), any(), anyLong(), any());
    }

    @Test
    void aRoutesErrorIsAnsweredByTheApplicationsExceptionResolver() throws Exception {
        ApiException bad = ApiException.badParameter("lat", "lat is required");
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/snapshots/home");
        response.getWriter().write("half an answer");
        when(resolver.resolveException(request, response, null, bad)).thenReturn(new ModelAndView());

        filter((path, req, res) -> {
            throw bad;
        }).doFilter(request, response, chain);

        assertThat(response.getContentAsString()).as("the half-written body is dropped").isEmpty();
        verify(resolver).resolveException(request, response, null, bad);
        verify(metrics).record(same(request), same(response), anyLong(), isNull());
        verifyNoInteractions(chain);
    }

    @Test
    void anExceptionNothingAnswersIsCountedAndPropagated() throws Exception {
        IllegalStateException bug = new IllegalStateException("bug");
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/snapshots/home");

        assertThatThrownBy(() -> filter((path, req, res) -> {
            throw bug;
        }).doFilter(request, response, chain)).isSameAs(bug);

        verify(metrics).record(same(request), same(response), anyLong(), eq(bug));
    }

    @Test
    void routesSeeThePathWithinTheApplicationWhateverTheContextPath() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fallback/v1/snapshots/home");
        request.setContextPath("/fallback");

        filter(home).doFilter(request, response, chain);

        assertThat(served).containsExactly("/v1/snapshots/home");
        verifyNoInteractions(chain);
    }

    @Test
    void routesAreAskedInTurnUntilOneServes() throws Exception {
        DirectRoute other = (path, request, response) -> false;
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/snapshots/home");

        filter(other, home).doFilter(request, response, chain);

        assertThat(served).containsExactly("/v1/snapshots/home");
        verifyNoInteractions(chain);
    }

    @Test
    void repeatedParametersAreJoinedAsSpringMvcBindsThemToAString() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/snapshots/home");
        request.addParameter("lat", "31.2", "31.3");
        request.addParameter("lng", "");

        assertThat(DirectRoute.parameter(request, "lat")).isEqualTo("31.2,31.3");
        assertThat(DirectRoute.parameter(request, "lng")).isEmpty();
        assertThat(DirectRoute.parameter(request, "city")).isNull();
    }
}
