namespace Booster.Operator.Tests.ApiServer;

/// <summary>One request the fixture served, as RBAC would see it (verb, API group, resource[/subresource]).</summary>
internal sealed record ApiRequest(string Verb, string Group, string Resource, string? Namespace, string? Name, string UserAgent);
