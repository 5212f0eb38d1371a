package dev.storefront.simulator.oauth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Apps by client id. */
public final class Apps {

    private final Map<String, App> byClientId = new ConcurrentHashMap<>();

    public void register(App app) {
        byClientId.put(app.clientId(), app);
    }

    public App find(String clientId) {
        return clientId == null ? null : byClientId.get(clientId);
    }
}
