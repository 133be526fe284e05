using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Booster.Runtime.Http;

/// <summary>200 answer of a run: the shape of the original booster plus exit code, duration and more.</summary>
internal sealed record RunResponse(
    string Stdout,
    string Stderr,
    int ExitCode,
    string Cost,
    double DurationMs,
    string TraceId,
    string Module,
    bool Truncated);

/// <summary>Every error: <c>{"error":{code,message},"trace_id":…}</c> plus output captured before a failure.</summary>
internal sealed record ErrorResponse(ErrorBody Error, string TraceId)
{
    public string? Module { get; init; }
    public string? Stdout { get; init; }
    public string? Stderr { get; init; }
    public bool? Truncated { get; init; }
    public double? DurationMs { get; init; }
}

internal sealed record ErrorBody(string Code, string Message);

internal sealed record StatusResponse(string Status, string? Reason = null);

internal sealed record ModuleInfo(
    string Name,
    long Size,
    string Sha256,
    DateTimeOffset ModifiedAt,
    DateTimeOffset LoadedAt,
    double CompileMs,
    string Code,
    bool Default)
{
    /// <summary>baseline (Winch code, optimized code on its way) or optimized (Cranelift code).</summary>
    public required string Tier { get; init; }
}

internal sealed record RejectedFile(string File, string Name, string Reason, string? Sha256, DateTimeOffset RejectedAt);

internal sealed record ModuleList(string? Default, IReadOnlyList<ModuleInfo> Modules, IReadOnlyList<RejectedFile> Rejected);

internal sealed record InfoResponse(
    string Version,
    string WasmtimeVersion,
    string Allocator,
    long? VmMaxMapCount,
    PoolInfo Pool,
    IReadOnlyDictionary<string, string> Config,
    IReadOnlyDictionary<string, string> Wasmtime)
{
    /// <summary>Which guest data imports are enabled and where they connect (never credentials).</summary>
    public Booster.Runtime.DataImports.DataImportsInfo? DataImports { get; init; }
}

/// <summary>The admission decision: what was asked, what is honoured, and why.</summary>
internal sealed record PoolInfo(
    int Requested,
    int Effective,
    string LimitedBy,
    int? FitByMaps,
    int? FitByAddressSpace,
    double InstanceMaps,
    ulong InstanceAddressSpaceBytes);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(ModuleList))]
[JsonSerializable(typeof(InfoResponse))]
internal sealed partial class ResponseJson : JsonSerializerContext
{
    /// <summary>
    /// The context the API writes with: like <see cref="Default"/>, but without escaping
    /// apostrophes and non-ASCII text, so messages and guest output read as they were written.
    /// </summary>
    public static ResponseJson Api { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
