using Booster.Operator.Reconciliation;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using k8s.Exceptions;

namespace Booster.Operator.Hosting;

/// <summary><c>booster-operator run</c>: the operator process.</summary>
internal static class RunCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var arguments = RunArguments.Parse(args, Environment.GetEnvironmentVariable, out var problem);
        if (arguments is null)
        {
            stderr.WriteLine($"run: {problem}");
            stderr.Write(RunArguments.Usage);
            return 2;
        }
        if (arguments.Help)
        {
            stdout.Write(RunArguments.Usage);
            return 0;
        }

        KubernetesClientConfiguration config;
        try
        {
            config = ClientConfiguration(arguments.Kubeconfig);
        }
        catch (Exception e) when (e is KubeConfigException or IOException or k8s.Exceptions.KubernetesClientException)
        {
            stderr.WriteLine($"run: no usable Kubernetes configuration: {e.Message}");
            return 2;
        }
        var app = OperatorHost.Build(arguments.Options, config);
        app.Run();
        // A failed controller stopped the host: a non-zero exit makes Kubernetes restart the pod.
        return app.Services.GetRequiredService<OperatorState>().Failed ? 1 : 0;
    }

    /// <summary>The kubeconfig named (flag or KUBECONFIG), else the pod's service account, else ~/.kube/config.</summary>
    public static KubernetesClientConfiguration ClientConfiguration(string? kubeconfig) =>
        kubeconfig is not null ? KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig)
        : KubernetesClientConfiguration.IsInCluster() ? KubernetesClientConfiguration.InClusterConfig()
        : KubernetesClientConfiguration.BuildConfigFromConfigFile();
}
