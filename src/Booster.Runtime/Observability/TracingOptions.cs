namespace Booster.Runtime.Observability;

/// <summary>
/// Whether and where to export traces, from the standard OpenTelemetry variables. Off unless
/// asked for: <c>OTEL_TRACES_EXPORTER</c> (<c>otlp</c>, <c>console</c>, <c>none</c>), or an
/// OTLP endpoint (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> / <c>…_TRACES_ENDPOINT</c>) alone.
/// <c>OTEL_SDK_DISABLED=true</c> wins over everything. Pure: variables in, decision out.
/// </summary>
internal sealed record TracingOptions(TraceExporter Exporter, string ServiceName)
{
    public const string DefaultServiceName = "booster-runtime";

    public bool Enabled => Exporter != TraceExporter.None;

    public static TracingOptions From(Func<string, string?> getVariable)
    {
        var serviceName = NonEmpty(getVariable("OTEL_SERVICE_NAME")) ?? DefaultServiceName;
        if (string.Equals(NonEmpty(getVariable("OTEL_SDK_DISABLED")), "true", StringComparison.OrdinalIgnoreCase))
            return new(TraceExporter.None, serviceName);

        var exporter = NonEmpty(getVariable("OTEL_TRACES_EXPORTER"))?.ToLowerInvariant() switch
        {
            "otlp" => TraceExporter.Otlp,
            "console" => TraceExporter.Console,
            "none" => TraceExporter.None,
            null when NonEmpty(getVariable("OTEL_EXPORTER_OTLP_ENDPOINT")) is not null
                   || NonEmpty(getVariable("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")) is not null => TraceExporter.Otlp,
            null => TraceExporter.None,
            var other => throw new FormatException($"OTEL_TRACES_EXPORTER='{other}' is invalid: expected otlp, console or none"),
        };
        return new(exporter, serviceName);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

internal enum TraceExporter
{
    None,
    Otlp,
    Console,
}
