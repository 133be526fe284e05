using System.Globalization;
using Booster.Operator.Api;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Booster.Operator.Desired;

/// <summary>
/// The runtime's booster.yaml for a validated <c>spec.modules.settings</c>: a top-level
/// <c>modules:</c> map keyed by module name, with the fields the runtime reads. Files become
/// the folders the pod mounts them at (<see cref="ModuleSettingsLayout"/>) and a Secret's URL
/// becomes <c>urlEnv</c>, the variable the pod reads it into; no secret is ever in the file.
/// Every string a user wrote is double-quoted, so no YAML reader takes "true", "0123" or
/// "a: b" for anything but a string; modules and env are sorted, so the text changes only
/// when a setting does. Pure.
/// </summary>
internal static class ModuleSettingsFile
{
    public static string Render(IEnumerable<ModuleSettingsSpec> settings)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(text);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        emitter.Emit(new MappingStart());
        Field(emitter, "modules");
        emitter.Emit(new MappingStart());
        foreach (var module in settings.OrderBy(m => m.Name, StringComparer.Ordinal)) Module(emitter, module);
        emitter.Emit(new MappingEnd());
        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Module(Emitter emitter, ModuleSettingsSpec module)
    {
        var name = module.Name!;
        Quoted(emitter, name);
        emitter.Emit(new MappingStart());
        if (module.TimeoutMs is { } timeout) Plain(emitter, "timeoutMs", timeout.ToString(CultureInfo.InvariantCulture));
        if (module.MaxMemory is { } memory) Plain(emitter, "maxMemory", Booster.Contract.ByteSize.Format(memory.Bytes));
        if (module.MaxOutput is { } output) Plain(emitter, "maxOutput", Booster.Contract.ByteSize.Format(output.Bytes));
        if (module.MaxConcurrency is { } concurrency) Plain(emitter, "maxConcurrency", concurrency.ToString(CultureInfo.InvariantCulture));
        if (module.Env is { Count: > 0 } env)
        {
            Field(emitter, "env");
            emitter.Emit(new MappingStart());
            foreach (var (key, value) in env.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                Quoted(emitter, key);
                Quoted(emitter, value);
            }
            emitter.Emit(new MappingEnd());
        }
        if (module.Files is { Count: > 0 } files)
        {
            Field(emitter, "files");
            emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, SequenceStyle.Block));
            for (var i = 0; i < files.Count; i++)
            {
                emitter.Emit(new MappingStart());
                Field(emitter, "path");
                Quoted(emitter, ModuleSettingsLayout.FilesPath(name, i));
                Field(emitter, "guestPath");
                Quoted(emitter, files[i].GuestPath!);
                emitter.Emit(new MappingEnd());
            }
            emitter.Emit(new SequenceEnd());
        }
        DataImports(emitter, name, module.DataImports);
        emitter.Emit(new MappingEnd());
    }

    private static void DataImports(Emitter emitter, string module, ModuleDataImportsSpec? imports)
    {
        var redis = imports?.Redis;
        var postgres = imports?.Postgres;
        var redisFields = Grant(redis?.Enabled, ("keyPrefix", redis?.KeyPrefix),
            ("urlEnv", redis?.UrlSecretRef is null ? null : ModuleSettingsLayout.UrlVariable(module, ModuleSettingsLayout.RedisImport)));
        var postgresFields = Grant(postgres?.Enabled,
            ("urlEnv", postgres?.UrlSecretRef is null ? null : ModuleSettingsLayout.UrlVariable(module, ModuleSettingsLayout.PostgresImport)));
        if (redisFields is { Count: 0 } && postgresFields is { Count: 0 }) return;

        Field(emitter, "dataImports");
        emitter.Emit(new MappingStart());
        Import(emitter, "redis", redisFields);
        Import(emitter, "postgres", postgresFields);
        emitter.Emit(new MappingEnd());
    }

    /// <summary>The fields of a granted import (empty: the pool's, nothing to write), or null when it is denied.</summary>
    private static List<(string Name, string Value)>? Grant(bool? enabled, params (string Name, string? Value)[] fields) =>
        enabled == false ? null : fields.Where(f => f.Value is not null).Select(f => (f.Name, f.Value!)).ToList();

    private static void Import(Emitter emitter, string name, List<(string Name, string Value)>? fields)
    {
        if (fields is { Count: 0 }) return;
        Field(emitter, name);
        if (fields is null)
        {
            emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, "false", ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
            return;
        }
        emitter.Emit(new MappingStart());
        foreach (var (field, value) in fields)
        {
            Field(emitter, field);
            Quoted(emitter, value);
        }
        emitter.Emit(new MappingEnd());
    }

    private static void Field(Emitter emitter, string name) => emitter.Emit(new Scalar(name));

    private static void Plain(Emitter emitter, string name, string value)
    {
        Field(emitter, name);
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
    }

    private static void Quoted(Emitter emitter, string value) =>
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, ScalarStyle.DoubleQuoted, isPlainImplicit: false, isQuotedImplicit: true));
}
