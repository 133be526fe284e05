using Booster.Operator.Hosting;
using Booster.Operator.Reconciliation;
using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Booster.Operator.LeaderElection;

/// <summary>
/// Runs the controller only while this instance holds the coordination.k8s.io Lease
/// (KubernetesClient's <see cref="LeaderElector"/> with a <see cref="LeaseLock"/>). Work starts
/// on OnStartedLeading and is cancelled on OnStoppedLeading — at once, before another instance
/// can take over, because the elector gives up after its renew deadline, which is shorter than
/// the lease. Without leader election the controller simply runs.
/// </summary>
internal sealed class LeaderElectedController(
    IKubernetes client, OperatorOptions options, OperatorMetrics metrics, OperatorState state, ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger logger = loggers.CreateLogger<LeaderElectedController>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.LeaderElect)
        {
            await RunTermAsync(stoppingToken).ConfigureAwait(false);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await ElectAndRunAsync(stoppingToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(options.RetryPeriod, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One election: wait for the lease, run while it is held, return when it is lost.</summary>
    private async Task ElectAndRunAsync(CancellationToken stoppingToken)
    {
        var leaseLock = new LeaseLock(client, options.LeaseNamespace, options.LeaseName, options.Identity);
        var config = new LeaderElectionConfig(leaseLock)
        {
            LeaseDuration = options.LeaseDuration,
            RenewDeadline = options.RenewDeadline,
            RetryPeriod = options.RetryPeriod,
        };
        using var elector = new LeaderElector(config);
        using var term = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        Task? running = null;
        elector.OnStartedLeading += () =>
        {
            logger.LogInformation("{Identity} acquired lease {Namespace}/{Lease}", options.Identity, options.LeaseNamespace, options.LeaseName);
            running = RunTermAsync(term.Token);
        };
        elector.OnStoppedLeading += () =>
        {
            logger.LogInformation("{Identity} stopped leading; stopping work", options.Identity);
            term.Cancel();
        };
        elector.OnNewLeader += leader => logger.LogInformation("Lease {Lease} is held by {Leader}", options.LeaseName, leader);
        elector.OnError += e => logger.LogDebug(e, "Leader election: {Message}", e.Message);

        try
        {
            await elector.RunUntilLeadershipLostAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Leader election failed; trying again");
        }
        finally
        {
            await term.CancelAsync().ConfigureAwait(false);
            if (running is not null) await running.ConfigureAwait(false);
        }
    }

    private async Task RunTermAsync(CancellationToken cancellationToken)
    {
        state.Leading = true;
        metrics.Leading(true);
        try
        {
            await new Controller(client, options, metrics, state, loggers).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "The controller stopped unexpectedly");
        }
        finally
        {
            state.Leading = false;
            metrics.Leading(false);
        }
    }
}
