package dev.accountd.support;

import com.twilio.http.Request;
import com.twilio.http.Response;
import java.util.ArrayList;
import java.util.List;

/** A {@link SpecCheckedHttpClient} that remembers the URL of every request the SDK sends (for tests of paging). */
public final class RecordingHttpClient extends SpecCheckedHttpClient {
    private final List<String> urls = new ArrayList<>();

    public RecordingHttpClient(String baseUrl) { super(baseUrl); }

    @Override
    public Response makeRequest(Request request) {
        synchronized (urls) {
            urls.add(request.constructURL().toString());
        }
        return super.makeRequest(request);
    }

    public List<String> urls() {
        synchronized (urls) {
            return List.copyOf(urls);
        }
    }
}
