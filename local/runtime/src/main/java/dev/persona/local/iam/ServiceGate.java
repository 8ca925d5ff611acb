package dev.persona.local.iam;

import java.util.List;

import dev.persona.local.servers.AwsRequestGate;

/**
 * The IAM of the local stand-ins that speak small AWS APIs (Secrets Manager, CloudFront's key API): the Signature
 * Version 4 signature checked with the caller's secret for the service's signing name, the credentials as AWS checks
 * them, then every action the server says the request performs, authorized on its resource with the request's
 * condition keys. What it cannot decide it refuses.
 */
public final class ServiceGate implements AwsRequestGate {

    private final LocalIam iam;

    public ServiceGate(LocalIam iam) {
        this.iam = iam;
    }

    @Override
    public void check(SignedRequest request, String service, List<Requirement> requirements) {
        Caller caller = authenticate(request, service);
        for (Requirement requirement : requirements) {
            try {
                iam.authorize(caller, requirement.action(), requirement.resource(),
                        RequestContext.of(requirement.context()));
            } catch (AccessDeniedException e) {
                throw new AwsGateException(AwsGateException.Reason.ACCESS_DENIED, e.getMessage());
            }
        }
    }

    private Caller authenticate(SignedRequest request, String service) {
        List<String> authorization = request.headers().apply("Authorization");
        if (authorization == null || authorization.isEmpty()) {
            throw new AwsGateException(AwsGateException.Reason.MISSING_AUTHENTICATION,
                    "Request is missing Authentication Token");
        }
        try {
            SigV4.Authorization signature = SigV4.parse(authorization.get(0));
            List<String> tokens = request.headers().apply("X-Amz-Security-Token");
            Caller caller = iam.authenticate(signature.accessKeyId(),
                    tokens == null || tokens.isEmpty() ? null : tokens.get(0));
            // CloudFront's API is global: requests are signed for us-east-1, whatever the stack's region.
            String region = service.equals("cloudfront") ? "us-east-1" : iam.region();
            SigV4.verify(signature, caller.secretAccessKey(), new SigV4.Request(request.method(), request.rawPath(),
                    request.rawQuery(), request.headers(), request.body()), region, service, iam.now());
            return caller;
        } catch (CredentialsException e) {
            throw switch (e.reason()) {
                case UNKNOWN_ACCESS_KEY, INVALID_TOKEN -> new AwsGateException(AwsGateException.Reason.UNKNOWN_KEY,
                        "The security token included in the request is invalid.");
                case EXPIRED_TOKEN -> new AwsGateException(AwsGateException.Reason.EXPIRED_TOKEN,
                        "The security token included in the request is expired");
            };
        } catch (SigV4Exception e) {
            throw new AwsGateException(AwsGateException.Reason.BAD_SIGNATURE, e.getMessage());
        }
    }
}
