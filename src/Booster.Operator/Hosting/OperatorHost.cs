using Booster.Operator.LeaderElection;
using Booster.Operator.Reconciliation;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Booster.Operator.Hosting;

/// <summary>
/// The operator process: a generic host (through ASP.NET Core's WebApplication, whose Kestrel
/// serves the probes and metrics) running the leader-elected controller as a hosted service.
/// </summary>
internal static class OperatorHost
{
    public static WebApplication Build(OperatorOptions options, KubernetesClientConfiguration kubeconfig, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(options.MetricsAddress);
        logging?.Invoke(builder.Logging);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<IKubernetes>(_ => new Kubernetes(kubeconfig));
        builder.Services.AddSingleton<OperatorMetrics>();
        builder.Services.AddSingleton<OperatorState>();
        builder.Services.AddHostedService<LeaderElectedController>();

        var app = builder.Build();
        app.MapOperatorEndpoints(app.Services.GetRequiredService<OperatorState>(), app.Services.GetRequiredService<OperatorMetrics>());
        return app;
    }
}
