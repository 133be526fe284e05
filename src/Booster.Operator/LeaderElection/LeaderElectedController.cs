using System.Net;
using Booster.Operator.Reconciliation;
using k8s;
using k8s.Autorest;
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
/// the lease. On shutdown the Lease is released (its holder emptied), so a standby takes over
/// within its retry period instead of waiting for the lease to expire. A controller that fails
/// stops the process with a non-zero exit code, after releasing the Lease: Kubernetes restarts
/// the pod, and meanwhile a standby leads. Without leader election the controller simply runs.
/// </summary>
internal sealed class LeaderElectedController(
    IKubernetes client, OperatorOptions options, OperatorMetrics metrics, OperatorState state, IHostApplicationLifetime lifetime,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<LeaderElectedController>();

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

    /// <summary>One election: wait for the lease, run while it is held, return when it is lost (or the process stops).</summary>
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
            _logger.LogInformation("{Identity} acquired lease {Namespace}/{Lease}", options.Identity, options.LeaseNamespace, options.LeaseName);
            running = RunTermAsync(term.Token);
        };
        elector.OnStoppedLeading += () =>
        {
            _logger.LogInformation("{Identity} stopped leading; stopping work", options.Identity);
            term.Cancel();
        };
        elector.OnNewLeader += leader => _logger.LogInformation("Lease {Lease} is held by {Leader}", options.LeaseName, leader);
        elector.OnError += e => _logger.LogWarning(e, "Leader election: {Message}", e.Message);

        try
        {
            await elector.RunUntilLeadershipLostAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Leader election failed; trying again");
        }
        finally
        {
            await term.CancelAsync().ConfigureAwait(false);
            if (running is not null)
            {
                await running.ConfigureAwait(false);
                // Leaving on purpose (shutdown, or a failed controller): hand over now rather than after the lease expires.
                if (stoppingToken.IsCancellationRequested) await ReleaseAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Empties the Lease's holder if this instance still holds it, as client-go's ReleaseOnCancel does.</summary>
    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(options.RenewDeadline);
        try
        {
            var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(options.LeaseName, options.LeaseNamespace, cancellationToken: timeout.Token).ConfigureAwait(false);
            if (lease.Spec?.HolderIdentity != options.Identity) return;
            lease.Spec.HolderIdentity = "";
            lease.Spec.LeaseDurationSeconds = 1;
            lease.Spec.RenewTime = DateTime.UtcNow;
            // The read resourceVersion makes this conditional: a Lease someone took meanwhile is left alone (409).
            await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, options.LeaseName, options.LeaseNamespace, cancellationToken: timeout.Token).ConfigureAwait(false);
            _logger.LogInformation("{Identity} released lease {Namespace}/{Lease}", options.Identity, options.LeaseNamespace, options.LeaseName);
        }
        catch (Exception e) when (e is HttpOperationException or OperationCanceledException or HttpRequestException)
        {
            _logger.LogWarning(e, "Could not release lease {Namespace}/{Lease}; it expires after {Duration}", options.LeaseNamespace, options.LeaseName, options.LeaseDuration);
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
            // Whatever broke may not mend in this process: exit non-zero so that Kubernetes restarts it.
            _logger.LogCritical(e, "The controller failed; stopping the operator");
            state.Failed = true;
            lifetime.StopApplication();
        }
        finally
        {
            state.Leading = false;
            metrics.Leading(false);
        }
    }
}
