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

    /// <summary><c>module</c> (a WASI preview1 core module) or <c>component</c> (a WASI 0.2 command component).</summary>
    public required string Kind { get; init; }

    /// <summary>The settings its runs get now (the settings file's, else the runtime's); never a URL or a variable's value.</summary>
    public ModuleSettingsView? Settings { get; init; }
}

/// <summary>A module's effective settings, as <c>GET /modules</c> shows them.</summary>
/// <param name="Named">True when the settings file names the module.</param>
/// <param name="Env">Names only: values may be secrets.</param>
internal sealed record ModuleSettingsView(
    bool Named,
    int TimeoutMs,
    long MaxMemoryBytes,
    long MaxOutputBytes,
    int? MaxConcurrency,
    IReadOnlyList<string> Env,
    IReadOnlyList<FileGrantView> Files,
    ImportGrantView Redis,
    ImportGrantView Postgres);

internal sealed record FileGrantView(string Path, string GuestPath);

/// <param name="Connection">"runtime" (the runtime's URL), "own" (the module's pool from <paramref name="UrlEnv"/>) or "denied".</param>
internal sealed record ImportGrantView(string Connection, string? UrlEnv, string? KeyPrefix);

/// <summary>Where the per-module settings come from and how the last file fared.</summary>
internal sealed record ModuleSettingsInfo(string Source, string State, string? Sha256, DateTimeOffset? AppliedAt, int Modules, string? Error, DateTimeOffset? RefusedAt);

internal sealed record RejectedFile(string File, string Name, string Reason, string? Sha256, DateTimeOffset RejectedAt);

internal sealed record ModuleList(string? Default, IReadOnlyList<ModuleInfo> Modules, IReadOnlyList<RejectedFile> Rejected)
{
    /// <summary>Why the settings file last read was refused (the last good settings stay in force); null when it applied.</summary>
    public string? SettingsError { get; init; }

    /// <summary>Modules the settings name that are not loaded (yet): their settings apply when they arrive.</summary>
    public IReadOnlyList<string>? SettingsForAbsentModules { get; init; }
}

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

    /// <summary>Where the per-module settings come from and when they were last applied.</summary>
    public ModuleSettingsInfo? ModuleSettings { get; init; }
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
