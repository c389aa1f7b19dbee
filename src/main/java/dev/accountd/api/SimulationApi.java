package dev.accountd.api;

import dev.accountd.domain.SimulatedDestination;
import dev.accountd.service.InboundService;
import dev.accountd.service.SimulationService;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** accountd's simulation controls: destinations, and inbound messages and calls. */
public final class SimulationApi {
    private final SimulationService simulation;
    private final InboundService inbound;
    private final boolean trustProxy;

    public SimulationApi(SimulationService simulation, InboundService inbound, boolean trustProxy) {
        this.simulation = simulation;
        this.inbound = inbound;
        this.trustProxy = trustProxy;
    }

    void fetchDestination(Context ctx) {
        Responses.json(ctx, view(ctx, simulation.fetch(Requests.caller(ctx), ctx.pathParam("number"))));
    }

    void updateDestination(Context ctx) {
        Form f = Requests.form(ctx);
        SimulatedDestination d = simulation.put(Requests.caller(ctx), ctx.pathParam("number"),
                new SimulationService.Setting(f.first("CallOutcome"), f.first("CallSeconds"), f.first("MessageOutcome")));
        Responses.json(ctx, view(ctx, d));
    }

    void deleteDestination(Context ctx) {
        simulation.delete(Requests.caller(ctx), ctx.pathParam("number"));
        ctx.status(204);
    }

    void createInboundMessage(Context ctx) {
        Form f = Requests.form(ctx);
        Responses.json(ctx.status(201), MessagesApi.view(inbound.receiveMessage(Requests.caller(ctx), f.first("From"), f.first("To"), f.first("Body"),
                f.all("MediaUrl"))));
    }

    void createInboundCall(Context ctx) {
        Form f = Requests.form(ctx);
        Responses.json(ctx.status(201), CallsApi.view(inbound.receiveCall(Requests.caller(ctx), f.first("From"), f.first("To"), f.first("CallSeconds"))));
    }

    private Map<String, Object> view(Context ctx, SimulatedDestination d) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("phone_number", d.phoneNumber());
        v.put("account_sid", d.mainSid());
        v.put("call_outcome", d.callOutcome().wire());
        v.put("call_seconds", d.callSeconds().orElse(null));
        v.put("message_outcome", d.messageOutcome().wire());
        v.put("date_updated", Iso8601.format(d.dateUpdated()));
        v.put("url", Requests.baseUrl(ctx, trustProxy) + "/_accountd/v1/Simulation/Destinations/" + d.phoneNumber());
        return v;
    }
}
