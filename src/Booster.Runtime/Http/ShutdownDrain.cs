using Booster.Contract;

namespace Booster.Runtime.Http;

/// <summary>
/// Shutdown as a rollout step. On SIGTERM <c>/ready</c> turns 503 at once, but runs are still
/// accepted for BOOSTER_DRAIN_DELAY_MS while endpoint removal reaches every client; only then
/// are new runs refused and the server stopped, which lets the runs in flight and waiting
/// finish (within <see cref="ShutdownBudget"/>) before the process exits.
/// </summary>
/// <remarks>
/// The host calls <see cref="StoppingAsync"/> before it stops any hosted service, the server
/// included: while it waits, Kestrel keeps accepting and serving.
/// </remarks>
internal sealed partial class ShutdownDrain(Readiness readiness, RuntimeSettings settings, ILogger<ShutdownDrain> logger) : IHostedLifecycleService
{
    private volatile bool _closed;

    /// <summary>True once the drain delay has passed: new runs are answered 503 <c>overloaded</c>.</summary>
    public bool RefusesNewRuns => _closed;

    /// <summary>True from SIGTERM on: answers ask clients to reconnect (through the Service, to another pod).</summary>
    public bool Draining => readiness.Draining;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        readiness.BeginDraining();
        LogDraining(logger, settings.DrainDelayMs);
        try
        {
            await Task.Delay(settings.DrainDelayMs, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The shutdown budget ran out (or a second signal came): stop accepting now.
        }
        _closed = true;
        LogClosed(logger);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Shutting down: /ready answers 503; runs are still accepted for {DelayMs} ms (BOOSTER_DRAIN_DELAY_MS)")]
    private static partial void LogDraining(ILogger logger, int delayMs);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Drain delay over: new runs are refused; the runs in flight and waiting finish before the process exits")]
    private static partial void LogClosed(ILogger logger);
}
