using System.Globalization;
using Booster.Contract;
using Booster.Runtime.DataImports;
using Booster.Runtime.Execution;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Booster.Runtime.ModuleSettings;

/// <summary>
/// Parses and validates a per-module settings file (BOOSTER_MODULES_CONFIG) as a whole. Pure
/// apart from the two look-ups it is handed (variables, folders): text in, a
/// <see cref="ModuleSettingsFile"/> or every problem out, each naming its field
/// (<c>modules.hello.maxMemory</c>) and the accepted form. A variable's value is never echoed:
/// it may hold a password.
/// </summary>
internal static class ModuleSettingsParser
{
    /// <summary>What a file is checked against besides its own text.</summary>
    /// <param name="Limits">The runtime's settings: no module may have more.</param>
    /// <param name="BaseFolder">Relative <c>files[].path</c> values are relative to it (the settings file's folder).</param>
    /// <param name="GetVariable">The process environment, for <c>urlEnv</c>.</param>
    /// <param name="FolderExists">The runtime's filesystem, for <c>files[].path</c>.</param>
    internal sealed record Context(RuntimeSettings Limits, string BaseFolder, Func<string, string?> GetVariable, Func<string, bool> FolderExists);

    private static readonly string[] ModuleFields = ["timeoutMs", "maxMemory", "maxOutput", "maxConcurrency", "env", "files", "dataImports"];
    private static readonly string[] FileFields = ["path", "guestPath"];
    private static readonly string[] ImportNames = ["redis", "postgres"];

    public static (ModuleSettingsFile? File, IReadOnlyList<string> Errors) Parse(string text, Context context)
    {
        var errors = new List<string>();
        YamlNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count > 1) return (null, ["the file holds several YAML documents; expected one"]);
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            return (null, [$"not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.InnerException?.Message ?? e.Message}"]);
        }

        var modules = new Dictionary<string, ModuleEntry>(StringComparer.Ordinal);
        if (root is null || IsNull(root)) return (ModuleSettingsFile.Empty, errors);
        if (root is not YamlMappingNode top)
            return (null, ["the file must be a mapping with one field, 'modules'"]);
        foreach (var (key, value) in Fields(top, "", ["modules"], errors))
        {
            if (key != "modules" || IsNull(value)) continue;
            if (value is not YamlMappingNode named)
            {
                errors.Add("'modules' must be a mapping of module names to their settings");
                continue;
            }
            foreach (var (nameNode, settings) in named.Children)
            {
                var name = Scalar(nameNode) ?? "";
                if (!RuntimeSettingsParser.IsValidModuleName(name))
                {
                    errors.Add($"'modules.{name}': not a module name; expected {RuntimeSettingsParser.ModuleNameForm}");
                    continue;
                }
                modules[name] = Module(settings, $"modules.{name}", context, errors);
            }
        }
        return errors.Count == 0 ? (new ModuleSettingsFile(modules), errors) : (null, errors);
    }

    private static ModuleEntry Module(YamlNode node, string path, Context context, List<string> errors)
    {
        if (IsNull(node)) return ModuleEntry.Unset;
        if (node is not YamlMappingNode fields)
        {
            errors.Add($"'{path}' must be a mapping of settings ({string.Join(", ", ModuleFields)})");
            return ModuleEntry.Unset;
        }
        var limits = context.Limits;
        var entry = ModuleEntry.Unset;
        foreach (var (key, value) in Fields(fields, path + ".", ModuleFields, errors))
        {
            var field = $"{path}.{key}";
            entry = key switch
            {
                "timeoutMs" => entry with { TimeoutMs = (int?)Integer(value, field, 1, limits.TimeoutMs, BoosterVariables.TimeoutMs, errors) },
                "maxMemory" => entry with { MaxMemoryBytes = Size(value, field, 65536, limits.MaxMemoryBytes, BoosterVariables.MaxMemoryBytes, errors) },
                "maxOutput" => entry with { MaxOutputBytes = Size(value, field, 0, limits.MaxOutputBytes, BoosterVariables.MaxOutputBytes, errors) },
                "maxConcurrency" => entry with { MaxConcurrency = (int?)Integer(value, field, 1, limits.PoolMax, BoosterVariables.PoolMax, errors) },
                "env" => entry with { Env = Env(value, field, errors) },
                "files" => entry with { Files = Files(value, field, context, errors) },
                _ => DataImports(entry, value, field, context, errors),
            };
        }
        return entry;
    }

    private static long? Integer(YamlNode node, string field, long minimum, long maximum, string runtimeVariable, List<string> errors)
    {
        if (Scalar(node) is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) &&
            value >= minimum && value <= maximum)
            return value;
        errors.Add($"'{field}' must be an integer from {minimum} to {maximum} (the runtime's {runtimeVariable}); got {Shown(node)}");
        return null;
    }

    private static long? Size(YamlNode node, string field, long minimum, long maximum, string runtimeVariable, List<string> errors)
    {
        if (Scalar(node) is { } text && ByteSize.TryParse(text, out var bytes) && bytes >= (ulong)minimum && bytes <= (ulong)maximum)
            return (long)bytes;
        errors.Add($"'{field}' must be {ByteSize.AcceptedForm}, from {ByteSize.Format((ulong)minimum)} to {ByteSize.Format((ulong)maximum)} " +
            $"(the runtime's {runtimeVariable}); got {Shown(node)}");
        return null;
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Env(YamlNode node, string field, List<string> errors)
    {
        if (IsNull(node)) return [];
        if (node is not YamlMappingNode variables)
        {
            errors.Add($"'{field}' must be a mapping of variable names to string values");
            return [];
        }
        var env = new List<KeyValuePair<string, string>>();
        foreach (var (nameNode, valueNode) in variables.Children)
        {
            var name = Scalar(nameNode) ?? "";
            if (name.Length == 0 || name.Contains('=') || name.Contains('\0'))
                errors.Add($"'{field}' has an invalid variable name '{name}': it must be non-empty, without '=' or NUL");
            else if (Scalar(valueNode) is not { } value || value.Contains('\0'))
                errors.Add($"'{field}.{name}' must be a string without NUL characters");
            else
                env.Add(new(name, value));
        }
        return env;
    }

    private static IReadOnlyList<FileGrant> Files(YamlNode node, string field, Context context, List<string> errors)
    {
        if (IsNull(node)) return [];
        if (node is not YamlSequenceNode items)
        {
            errors.Add($"'{field}' must be a list of {{path, guestPath}}");
            return [];
        }
        var grants = new List<FileGrant>();
        for (var i = 0; i < items.Children.Count; i++)
        {
            var item = $"{field}[{i}]";
            if (items.Children[i] is not YamlMappingNode fields)
            {
                errors.Add($"'{item}' must be a mapping with 'path' and 'guestPath'");
                continue;
            }
            string? path = null, guestPath = null;
            foreach (var (key, value) in Fields(fields, item + ".", FileFields, errors))
            {
                if (Scalar(value) is not { Length: > 0 } text) errors.Add($"'{item}.{key}' must be a non-empty string");
                else if (key == "path") path = text;
                else guestPath = text;
            }
            if (path is null || guestPath is null)
            {
                if (path is null) errors.Add($"'{item}.path' is required: the folder on the runtime's filesystem");
                if (guestPath is null) errors.Add($"'{item}.guestPath' is required: where the guest sees the folder, such as /config");
                continue;
            }
            var hostPath = Path.GetFullPath(path, context.BaseFolder);
            if (!context.FolderExists(hostPath)) errors.Add($"'{item}.path': the folder '{hostPath}' does not exist");
            if (GuestPathProblem(guestPath) is { } problem) errors.Add($"'{item}.guestPath' {problem}");
            else if (grants.Any(g => g.GuestPath == guestPath)) errors.Add($"'{item}.guestPath': '{guestPath}' is given twice");
            grants.Add(new FileGrant(hostPath, guestPath));
        }
        return grants;
    }

    /// <summary>An absolute guest path of plain segments: no '.', '..', empty segments or NUL.</summary>
    private static string? GuestPathProblem(string guestPath)
    {
        const string Form = "must be an absolute path of plain names, such as /config or /data/models";
        if (!guestPath.StartsWith('/') || guestPath == "/" || guestPath.Contains('\0')) return Form;
        var segments = guestPath[1..].Split('/');
        return segments.Any(s => s is "" or "." or "..") ? Form : null;
    }

    private static ModuleEntry DataImports(ModuleEntry entry, YamlNode node, string field, Context context, List<string> errors)
    {
        if (IsNull(node)) return entry;
        if (node is not YamlMappingNode imports)
        {
            errors.Add($"'{field}' must be a mapping with 'redis' and/or 'postgres'");
            return entry;
        }
        foreach (var (key, value) in Fields(imports, field + ".", ImportNames, errors))
        {
            var grant = Grant(value, $"{field}.{key}", key == "redis", context, errors);
            entry = key == "redis" ? entry with { Redis = grant } : entry with { Postgres = grant };
        }
        return entry;
    }

    private static ImportGrant Grant(YamlNode node, string field, bool redis, Context context, List<string> errors)
    {
        string[] accepted = redis ? ["keyPrefix", "urlEnv"] : ["urlEnv"];
        var form = $"false (denied) or a mapping with {string.Join(" and/or ", accepted.Select(a => $"'{a}'"))}";
        if (Scalar(node) is "false") return ImportGrant.Denied;
        if (IsNull(node)) return ImportGrant.Runtime;
        if (node is not YamlMappingNode fields)
        {
            errors.Add($"'{field}' must be {form}; got {Shown(node)}");
            return ImportGrant.Runtime;
        }
        var grant = ImportGrant.Runtime;
        foreach (var (key, value) in Fields(fields, field + ".", accepted, errors))
        {
            var text = Scalar(value);
            if (string.IsNullOrEmpty(text))
            {
                errors.Add($"'{field}.{key}' must be a non-empty string");
                continue;
            }
            if (key == "keyPrefix")
            {
                grant = grant with { KeyPrefix = text };
                continue;
            }
            var endpoint = Endpoint(text, $"{field}.{key}", redis, context, errors);
            grant = grant with { UrlEnv = text, Endpoint = endpoint };
        }
        return grant;
    }

    /// <summary>The connection a <c>urlEnv</c> names, parsed as the runtime's own URL of that import is.</summary>
    private static DataEndpoint? Endpoint(string variable, string field, bool redis, Context context, List<string> errors)
    {
        var value = context.GetVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"'{field}': the variable {variable} is not set in the runtime's environment");
            return null;
        }
        // The runtime's own parser, so a module's URL accepts exactly what REDIS_URL / SASSPB_POSTGRES_URL accept;
        // its one line names the variable and the parameter, never the value.
        var (endpoint, problem) = redis
            ? DataImportSettingsParser.ParseRedis(variable, value.Trim())
            : DataImportSettingsParser.ParsePostgres(variable, value.Trim());
        if (endpoint is null) errors.Add($"'{field}': {problem}");
        return endpoint;
    }

    /// <summary>The fields of a mapping, each known one once; unknown and repeated ones are errors.</summary>
    private static IEnumerable<(string Key, YamlNode Value)> Fields(YamlMappingNode mapping, string prefix, string[] known, List<string> errors)
    {
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = Scalar(keyNode) ?? "";
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                errors.Add($"'{prefix}{key}' is not a known field; expected one of {string.Join(", ", known)}");
                continue;
            }
            yield return (key, value);
        }
    }

    private static string? Scalar(YamlNode node) => node is YamlScalarNode scalar && !IsNull(node) ? scalar.Value : null;

    /// <summary>An empty value or <c>~</c>/<c>null</c> written plain: YAML's null.</summary>
    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string Shown(YamlNode node) => node switch
    {
        YamlScalarNode scalar when !IsNull(node) => $"'{scalar.Value}'",
        YamlScalarNode => "nothing",
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ => "something else",
    };
}
