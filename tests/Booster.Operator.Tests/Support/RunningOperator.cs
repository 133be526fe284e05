using Booster.Operator.Hosting;
using Booster.Operator.Reconciliation;
using Booster.Operator.Queue;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Booster.Operator.Tests.Support;

/// <summary>
/// The real operator host (the same <see cref="OperatorHost"/> that <c>booster-operator run</c>
/// builds), started in-process with short timings so that end-to-end tests finish in seconds.
/// </summary>
internal sealed class RunningOperator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private RunningOperator(WebApplication app, OperatorOptions options)
    {
        _app = app;
        Options = options;
        Metrics = app.Services.GetRequiredService<OperatorMetrics>();
        State = app.Services.GetRequiredService<OperatorState>();
    }

    public OperatorOptions Options { get; }

    public OperatorMetrics Metrics { get; }

    public OperatorState State { get; }

    /// <summary>Cancelled once the host is asked to stop (which <c>booster-operator run</c> then does), whoever asked.</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>Where /healthz, /readyz and /metrics are served.</summary>
    public string Url { get; private set; } = "";

    /// <summary>The test timings, taking the Lease before acting (for scenarios with several instances).</summary>
    public static OperatorOptions Elected(string identity) => FastOptions(identity) with { LeaderElect = true };

    /// <summary>Timings for tests: backoffs in tens of milliseconds, a lease of two seconds.</summary>
    public static OperatorOptions FastOptions(string identity = "test-operator") => new()
    {
        Identity = identity,
        MetricsAddress = "http://127.0.0.1:0",
        ReconcileBackoff = new ExponentialBackoff(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(500)),
        WatchBackoff = new ExponentialBackoff(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(500)),
        WatchTimeout = TimeSpan.FromSeconds(30),
        LeaseDuration = TimeSpan.FromSeconds(2),
        RenewDeadline = TimeSpan.FromSeconds(1.5),
        RetryPeriod = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>Starts the operator; its log goes nowhere unless <paramref name="logging"/> says otherwise.</summary>
    public static async Task<RunningOperator> StartAsync(KubernetesClientConfiguration kubeconfig, OperatorOptions? options = null, Action<ILoggingBuilder>? logging = null)
    {
        options ??= FastOptions();
        var app = OperatorHost.Build(options, kubeconfig, logging ?? (builder => builder.ClearProviders().AddFilter(_ => false)));
        await app.StartAsync();
        var running = new RunningOperator(app, options)
        {
            Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single(),
        };
        return running;
    }

    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }
}
