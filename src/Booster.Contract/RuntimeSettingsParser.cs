using System.Globalization;

namespace Booster.Contract;

/// <summary>
/// Parses the BOOSTER_* environment into <see cref="RuntimeSettings"/>. Pure: it reads
/// variables through a function, so tests (and the operator) feed it any environment.
/// Every bad value gives one line naming the variable and the accepted form.
/// </summary>
public static class RuntimeSettingsParser
{
    public static SettingsParseResult Parse(Func<string, string?> getVariable)
    {
        var reader = new Reader(getVariable);
        var tuneText = getVariable(BoosterVariables.WasmtimeTuneDefaults);
        var settings = new RuntimeSettings
        {
            PoolMax = reader.Integer(BoosterVariables.PoolMax, RuntimeSettings.Defaults.PoolMax, SettingBounds.PoolMax),
            QueueMax = reader.Integer(BoosterVariables.QueueMax, RuntimeSettings.Defaults.QueueMax, SettingBounds.QueueMax),
            QueueTimeoutMs = reader.Integer(BoosterVariables.QueueTimeoutMs, RuntimeSettings.Defaults.QueueTimeoutMs, SettingBounds.QueueTimeoutMs),
            DrainDelayMs = reader.Integer(BoosterVariables.DrainDelayMs, RuntimeSettings.Defaults.DrainDelayMs, SettingBounds.DrainDelayMs),
            Memory = WasmtimeMemorySettings.Resolve(
                TuneDefaultsFlag.IsOn(tuneText),
                reader.OptionalSize(BoosterVariables.WasmtimeMemoryGuardSize, SettingBounds.WasmtimeMemory),
                reader.OptionalSize(BoosterVariables.WasmtimeMemoryReservation, SettingBounds.WasmtimeMemory),
                reader.OptionalSize(BoosterVariables.WasmtimeMemoryReservationForGrowth, SettingBounds.WasmtimeMemory)),
            ModulePath = reader.Text(BoosterVariables.Path, RuntimeSettings.Defaults.ModulePath),
            DefaultModule = reader.ModuleName(BoosterVariables.DefaultModule),
            MaxOutputBytes = reader.Size(BoosterVariables.MaxOutputBytes, RuntimeSettings.Defaults.MaxOutputBytes, SettingBounds.MaxOutputBytes),
            TimeoutMs = reader.Integer(BoosterVariables.TimeoutMs, RuntimeSettings.Defaults.TimeoutMs, SettingBounds.TimeoutMs),
            MaxMemoryBytes = reader.Size(BoosterVariables.MaxMemoryBytes, RuntimeSettings.Defaults.MaxMemoryBytes, SettingBounds.MaxMemoryBytes),
            MaxTableElements = reader.Integer(BoosterVariables.MaxTableElements, RuntimeSettings.Defaults.MaxTableElements, SettingBounds.MaxTableElements),
            MaxRequestBytes = reader.Size(BoosterVariables.MaxRequestBytes, RuntimeSettings.Defaults.MaxRequestBytes, SettingBounds.MaxRequestBytes),
            Listen = reader.ListenUrl(BoosterVariables.Listen, RuntimeSettings.Defaults.Listen),
            AuthToken = reader.BearerToken(BoosterVariables.AuthToken),
            CachePath = reader.OptionalText(BoosterVariables.CachePath),
            CacheMaxBytes = reader.Size(BoosterVariables.CacheMaxBytes, RuntimeSettings.Defaults.CacheMaxBytes, SettingBounds.CacheMaxBytes),
            ModulesConfig = reader.OptionalText(BoosterVariables.ModulesConfig),
            Compiler = reader.Compiler(BoosterVariables.Compiler),
        };

        var warnings = new List<string>();
        if (TuneDefaultsFlag.IsUnusual(tuneText))
        {
            warnings.Add($"{BoosterVariables.WasmtimeTuneDefaults}='{tuneText}' is not one of the off values " +
                         $"({string.Join(", ", TuneDefaultsFlag.FalseValues)}), so the tuned memory defaults stay on");
        }
        if (settings.AuthToken is { Value.Length: < RecommendedTokenLength })
        {
            warnings.Add($"{BoosterVariables.AuthToken} is shorter than {RecommendedTokenLength} characters, which is easy to guess; " +
                         "use a long random value, e.g. from 'openssl rand -hex 32'");
        }
        return new SettingsParseResult(reader.Errors.Count == 0 ? settings : null, reader.Errors, warnings);
    }

    /// <summary>Parses the process environment.</summary>
    public static SettingsParseResult FromEnvironment() => Parse(Environment.GetEnvironmentVariable);

    /// <summary>Module names: file stems that are safe in a URL path and on disk.</summary>
    public static bool IsValidModuleName(string name) =>
        name.Length is > 0 and <= 128 && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Shorter bearer tokens are accepted with a warning.</summary>
    public const int RecommendedTokenLength = 16;

    public const string BearerTokenForm = "1 to 4096 visible ASCII characters, without spaces";

    /// <summary>What an Authorization header can carry after "Bearer ": visible ASCII, no spaces.</summary>
    public static bool IsValidBearerToken(string token) =>
        token.Length is > 0 and <= 4096 && token.All(c => c is > ' ' and <= '~');

    public const string ModuleNameForm = "letters, digits, '.', '-' or '_' (1-128 characters, not starting with '.')";

    private sealed class Reader(Func<string, string?> getVariable)
    {
        public List<string> Errors { get; } = [];

        private string? Value(string name)
        {
            var value = getVariable(name);
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        private void Fail(string name, string value, string form) =>
            Errors.Add($"{name}='{value}' is invalid: expected {form}");

        public int Integer(string name, int fallback, SettingBounds.Range range)
        {
            var text = Value(name);
            if (text is null) return fallback;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= range.Minimum && value <= range.Maximum)
                return value;
            Fail(name, text, $"an integer from {range.Minimum} to {range.Maximum}");
            return fallback;
        }

        public long Size(string name, long fallback, SettingBounds.Range range) => (long?)OptionalSize(name, range) ?? fallback;

        public ulong? OptionalSize(string name, SettingBounds.Range range)
        {
            var text = Value(name);
            if (text is null) return null;
            if (ByteSize.TryParse(text, out var bytes) && bytes >= (ulong)range.Minimum && bytes <= (ulong)range.Maximum) return bytes;
            Fail(name, text, $"{ByteSize.AcceptedForm}, from {ByteSize.Format((ulong)range.Minimum)} to {ByteSize.Format((ulong)range.Maximum)}");
            return null;
        }

        public string Text(string name, string fallback) => Value(name) ?? fallback;

        public string? OptionalText(string name) => Value(name);

        public string? ModuleName(string name)
        {
            var text = Value(name);
            if (text is null || IsValidModuleName(text)) return text;
            Fail(name, text, "a module name: " + ModuleNameForm);
            return null;
        }

        /// <summary>A secret: surrounding whitespace (a Secret file's newline) is dropped, and a bad value is never echoed.</summary>
        public SecretText? BearerToken(string name)
        {
            var text = Value(name);
            if (text is null) return null;
            if (IsValidBearerToken(text)) return new SecretText(text);
            Errors.Add($"{name} is invalid (its value is not shown): expected {BearerTokenForm}");
            return null;
        }

        public CompilerMode? Compiler(string name)
        {
            var text = Value(name);
            if (text is null) return null;
            if (CompilerModes.Parse(text) is { } mode) return mode;
            Fail(name, text, CompilerModes.AcceptedForm);
            return null;
        }

        public string ListenUrl(string name, string fallback)
        {
            var text = Value(name);
            if (text is null) return fallback;
            // Kestrel also accepts the wildcard hosts '*' and '+'; Uri does not.
            var probe = text.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
            if (Uri.TryCreate(probe, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.AbsolutePath == "/")
                return text;
            Fail(name, text, "an http URL with host and port, such as http://0.0.0.0:2678");
            return fallback;
        }
    }
}

/// <summary>Parsed settings (null when any value was bad), the error lines, and warnings.</summary>
public sealed record SettingsParseResult(RuntimeSettings? Settings, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);
