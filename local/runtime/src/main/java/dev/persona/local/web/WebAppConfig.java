package dev.persona.local.web;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.persona.contracts.WebApp;

/** The local runtime's {@value WebApp#CONFIG_FILE}: the members the CDK app writes at deployment, with local values. */
public final class WebAppConfig {

    private WebAppConfig() {
    }

    /**
     * @param apiBaseUrl     the API's base URL (the site's own origin locally, as CloudFront serves both)
     * @param region         the uploads bucket's region
     * @param authDomain     the sign-in domain (the development issuer)
     * @param clientId       the app client
     * @param maxUploadBytes the largest upload the API accepts
     */
    public static Map<String, Object> of(String apiBaseUrl, String region, String authDomain, String clientId,
            long maxUploadBytes) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(WebApp.Config.API_BASE_URL, apiBaseUrl);
        config.put(WebApp.Config.REGION, region);
        config.put(WebApp.Config.AUTH_DOMAIN, authDomain);
        config.put(WebApp.Config.CLIENT_ID, clientId);
        config.put(WebApp.Config.SCOPES, WebApp.SCOPES);
        config.put(WebApp.Config.MAX_UPLOAD_BYTES, maxUploadBytes);
        config.put(WebApp.Config.MULTIPART_THRESHOLD_BYTES, WebApp.MULTIPART_THRESHOLD_BYTES);
        config.put(WebApp.Config.MULTIPART_PART_BYTES, WebApp.MULTIPART_PART_BYTES);
        return config;
    }
}
