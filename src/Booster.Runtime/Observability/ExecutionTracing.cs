using System.Diagnostics;
using Booster.Runtime.Execution;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Booster.Runtime.Observability;

/// <summary>
/// A span per execution (module, outcome, exit code), child of the request's server span,
/// which carries the W3C trace context of the caller. Without a configured exporter there is
/// no listener, and starting a span costs nothing.
/// </summary>
internal static class ExecutionTracing
{
    public const string SourceName = "Booster.Runtime";

    private static readonly ActivitySource Source = new(SourceName);

    public static Activity? Start(string module)
    {
        var activity = Source.StartActivity("booster.execute");
        activity?.SetTag("booster.module", module);
        return activity;
    }

    public static void Finish(Activity? activity, ExecutionResult result)
    {
        if (activity is null) return;
        activity.SetTag("booster.outcome", RuntimeMetrics.OutcomeLabel(result.Outcome));
        if (result.ExitCode is { } exitCode) activity.SetTag("booster.exit_code", exitCode);
        activity.SetTag("booster.truncated", result.Truncated);
        if (result.Outcome != ExecutionOutcome.Completed) activity.SetStatus(ActivityStatusCode.Error, result.FailureMessage);
        activity.Dispose();
    }

    /// <summary>Registers the OpenTelemetry tracer when <paramref name="options"/> asks for an exporter.</summary>
    public static void AddTracing(this IServiceCollection services, TracingOptions options)
    {
        if (!options.Enabled) return;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(SourceName).AddAspNetCoreInstrumentation();
                if (options.Exporter == TraceExporter.Console) tracing.AddConsoleExporter();
                else tracing.AddOtlpExporter(); // endpoint, protocol and headers from OTEL_EXPORTER_OTLP_*
            });
    }
}
