using Booster.Contract;
using Booster.Operator.Api;

namespace Booster.Operator.Desired;

/// <summary>
/// Checks of <c>spec.modules.settings</c>: names the runtime accepts and no name twice, limits
/// within the runtime's ranges and never above the pool's own, folders the guest can be given,
/// grants that say one thing, and variables that collide with nothing. The CRD states the list
/// sizes, the name pattern and the absolute guestPath too; the API server enforces the unique
/// names (a map list keyed by name).
/// </summary>
internal static class ModuleSettingsValidation
{
    public const int MaxModules = 512;
    public const int MaxFiles = 16;
    public const int MaxItems = 64;
    public const int MaxEnv = 128;
    public const int MaxKeyPrefixLength = 256;

    public static void Validate(BoosterRuntimeSpec spec, FieldErrorList errors)
    {
        if (spec.Modules?.Settings is not { } settings) return;
        if (settings.Count > MaxModules) errors.Add("spec.modules.settings", $"{settings.Count} modules: at most {MaxModules}");
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < settings.Count; i++)
        {
            var path = $"spec.modules.settings[{i}]";
            var module = settings[i];
            if (!ValidateName(path, module.Name, names, i, errors)) continue;
            ValidateLimits(path, module, spec, errors);
            ValidateEnv(path, module.Env, errors);
            for (var f = 0; f < (module.Files?.Count ?? 0); f++) ValidateFiles($"{path}.files[{f}]", module.Files!, f, errors);
            if ((module.Files?.Count ?? 0) > MaxFiles) errors.Add($"{path}.files", $"{module.Files!.Count} folders: at most {MaxFiles}");
            ValidateDataImports($"{path}.dataImports", module.DataImports, errors);
            foreach (var (variable, field) in ModuleSettingsPod.UrlVariables(module, path))
                if (!variables.TryAdd(variable.Name, field))
                    errors.Add(field, $"its variable {variable.Name} is also {variables[variable.Name]}'s; rename one of the modules");
        }
        ValidateUserEnv(spec, variables, errors);
    }

    private static bool ValidateName(string path, string? name, Dictionary<string, int> names, int index, FieldErrorList errors)
    {
        if (string.IsNullOrEmpty(name)) errors.Add($"{path}.name", "required");
        else if (!RuntimeSettingsParser.IsValidModuleName(name)) errors.Add($"{path}.name", $"'{name}' is not a module name: {RuntimeSettingsParser.ModuleNameForm}");
        else if (!names.TryAdd(name, index)) errors.Add($"{path}.name", $"'{name}' is already set by spec.modules.settings[{names[name]}]");
        else return true;
        return false;
    }

    /// <summary>A module's limit may only lower the pool's: the runtime refuses a file that raises one.</summary>
    private static void ValidateLimits(string path, ModuleSettingsSpec module, BoosterRuntimeSpec spec, FieldErrorList errors)
    {
        if (module.TimeoutMs is { } timeout)
        {
            errors.InRange($"{path}.timeoutMs", timeout, "spec.modules.settings.timeoutMs");
            AtMost(errors, $"{path}.timeoutMs", timeout, spec.Limits.TimeoutMs, "spec.limits.timeoutMs");
        }
        if (module.MaxConcurrency is { } concurrency)
        {
            errors.InRange($"{path}.maxConcurrency", concurrency, "spec.modules.settings.maxConcurrency");
            AtMost(errors, $"{path}.maxConcurrency", concurrency, spec.Pool.MaxConcurrency, "spec.pool.maxConcurrency");
        }
        SizeAtMost(errors, $"{path}.maxMemory", module.MaxMemory, "spec.modules.settings.maxMemory", spec.Limits.MaxMemoryBytes, "spec.limits.maxMemoryBytes");
        SizeAtMost(errors, $"{path}.maxOutput", module.MaxOutput, "spec.modules.settings.maxOutput", spec.Limits.MaxOutputBytes, "spec.limits.maxOutputBytes");
    }

    private static void SizeAtMost(FieldErrorList errors, string path, ByteQuantity? size, string boundsPath, ByteQuantity pool, string poolField)
    {
        if (size is null) return;
        var before = errors.Count;
        errors.Size(path, size, boundsPath);
        if (errors.Count == before && pool.TryGetBytes(out var poolBytes) && size.Bytes > poolBytes)
            errors.Add(path, $"'{size.Text}' is above {poolField} ({pool.Text}): a module's settings may only lower the pool's limits");
    }

    private static void AtMost(FieldErrorList errors, string path, long value, long pool, string poolField)
    {
        if (value > pool)
            errors.Add(path, $"{value} is above {poolField} ({pool}): a module's settings may only lower the pool's limits");
    }

    private static void ValidateEnv(string path, IDictionary<string, string>? env, FieldErrorList errors)
    {
        if (env is null) return;
        if (env.Count > MaxEnv) errors.Add($"{path}.env", $"{env.Count} variables: at most {MaxEnv}");
        foreach (var (name, value) in env)
        {
            if (name.Length == 0 || name.Contains('=') || name.Contains('\0'))
                errors.Add($"{path}.env", $"'{name}' is not a variable name: it must be non-empty, without '=' or NUL");
            else if (value.Contains('\0')) errors.Add($"{path}.env.{name}", "a value cannot hold a NUL character");
        }
    }

    private static void ValidateFiles(string path, IList<ModuleFilesSpec> all, int index, FieldErrorList errors)
    {
        var files = all[index];
        if (string.IsNullOrEmpty(files.GuestPath)) errors.Add($"{path}.guestPath", "required");
        else if (!files.GuestPath.StartsWith('/') || HasParentSegment(files.GuestPath) || files.GuestPath.Contains('\0'))
            errors.Add($"{path}.guestPath", $"'{files.GuestPath}' must be an absolute path (starting with '/'), without '..'");
        else if (all.Take(index).Any(other => Normalized(other.GuestPath) == Normalized(files.GuestPath)))
            errors.Add($"{path}.guestPath", $"'{files.GuestPath}' is already given by an earlier folder of this module");

        if ((files.ConfigMap is null) == (files.Secret is null))
        {
            errors.Add(path, "set exactly one of configMap or secret");
            return;
        }
        var (source, sourcePath) = files.ConfigMap is { } configMap ? (configMap, $"{path}.configMap") : (files.Secret!, $"{path}.secret");
        errors.ObjectName($"{sourcePath}.name", source.Name);
        if (source.Items is not { } items) return;
        if (items.Count == 0) errors.Add($"{sourcePath}.items", "an empty list would give an empty folder; leave items out for every key");
        if (items.Count > MaxItems) errors.Add($"{sourcePath}.items", $"{items.Count} items: at most {MaxItems}");
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var at = $"{sourcePath}.items[{i}]";
            if (string.IsNullOrEmpty(item.Key)) errors.Add($"{at}.key", "required");
            else if (item.Key.Length > 253 || !FieldErrorList.SecretKey().IsMatch(item.Key))
                errors.Add($"{at}.key", $"'{item.Key}' is not a valid key (letters, digits, '-', '_' and '.')");
            if (string.IsNullOrEmpty(item.Path)) errors.Add($"{at}.path", "required");
            else if (item.Path.StartsWith('/') || HasParentSegment(item.Path))
                errors.Add($"{at}.path", $"'{item.Path}' must be a relative path, without '..'");
            else if (items.Take(i).Any(other => other.Path == item.Path))
                errors.Add($"{at}.path", $"'{item.Path}' is already the path of an earlier item");
        }
    }

    private static void ValidateDataImports(string path, ModuleDataImportsSpec? imports, FieldErrorList errors)
    {
        if (imports?.Redis is { } redis)
        {
            if (redis.Enabled == false && (redis.KeyPrefix is not null || redis.UrlSecretRef is not null))
                errors.Add($"{path}.redis", "enabled: false denies Redis; keyPrefix and urlSecretRef would have no effect, so leave them out");
            if (redis.KeyPrefix is { } prefix && (prefix.Length == 0 || prefix.Length > MaxKeyPrefixLength))
                errors.Add($"{path}.redis.keyPrefix", $"must be 1 to {MaxKeyPrefixLength} characters (leave it out for no prefix)");
            if (redis.UrlSecretRef is { } secret) errors.SecretKeyRef($"{path}.redis.urlSecretRef", secret);
        }
        if (imports?.Postgres is { } postgres)
        {
            if (postgres.Enabled == false && postgres.UrlSecretRef is not null)
                errors.Add($"{path}.postgres", "enabled: false denies PostgreSQL; urlSecretRef would have no effect, so leave it out");
            if (postgres.UrlSecretRef is { } secret) errors.SecretKeyRef($"{path}.postgres.urlSecretRef", secret);
        }
    }

    /// <summary>spec.env may not set a module's URL variable.</summary>
    private static void ValidateUserEnv(BoosterRuntimeSpec spec, Dictionary<string, string> variables, FieldErrorList errors)
    {
        if (spec.Modules?.Settings is not { Count: > 0 }) return;
        for (var i = 0; i < (spec.Env?.Count ?? 0); i++)
        {
            var name = spec.Env![i].Name;
            // BOOSTER_MODULES_CONFIG itself is refused by EnvValidation, as every variable derived from the spec is.
            if (name is not null && variables.TryGetValue(name, out var field))
                errors.Add($"spec.env[{i}].name", $"{name} is derived from {field}; set it there");
        }
    }

    private static bool HasParentSegment(string path) => path.Split('/').Contains("..");

    private static string? Normalized(string? path) => path?.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : path;
}
