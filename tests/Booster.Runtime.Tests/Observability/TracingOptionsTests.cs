using Booster.Runtime.Observability;

namespace Booster.Runtime.Tests.Observability;

public class TracingOptionsTests
{
    private static TracingOptions From(params (string Name, string Value)[] variables)
    {
        var env = variables.ToDictionary(v => v.Name, v => v.Value);
        return TracingOptions.From(env.GetValueOrDefault);
    }

    [Fact]
    public void TracingIsOffByDefault()
    {
        var options = From();
        options.Enabled.Should().BeFalse();
        options.ServiceName.Should().Be("booster-runtime");
    }

    [Fact]
    public void AnOtlpEndpointAloneTurnsOnOtlpExport() =>
        From(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")).Exporter.Should().Be(TraceExporter.Otlp);

    [Theory]
    [InlineData("otlp", "Otlp")]
    [InlineData("console", "Console")]
    [InlineData("CONSOLE", "Console")]
    [InlineData("none", "None")]
    public void TheExporterVariableChooses(string value, string expected) =>
        From(("OTEL_TRACES_EXPORTER", value), ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4317")).Exporter.ToString().Should().Be(expected);

    [Fact]
    public void TheSdkDisabledFlagWinsAndTheServiceNameIsTaken()
    {
        From(("OTEL_SDK_DISABLED", "true"), ("OTEL_TRACES_EXPORTER", "otlp")).Enabled.Should().BeFalse();
        From(("OTEL_SERVICE_NAME", "edge")).ServiceName.Should().Be("edge");
    }

    [Fact]
    public void AnUnknownExporterIsAnErrorNamingTheVariable() =>
        FluentActions.Invoking(() => From(("OTEL_TRACES_EXPORTER", "zipkin"))).Should().Throw<FormatException>()
            .WithMessage("*OTEL_TRACES_EXPORTER='zipkin'*otlp, console or none*");
}
