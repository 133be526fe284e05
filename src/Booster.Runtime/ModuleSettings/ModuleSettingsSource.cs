using System.Security.Cryptography;
using System.Text;
using Booster.Contract;

namespace Booster.Runtime.ModuleSettings;

/// <summary>
/// Where the per-module settings come from: BOOSTER_MODULES_CONFIG when set, else
/// <c>booster.yaml</c> in the BOOSTER_PATH folder (directory mode). The named file must exist;
/// the default one may be absent (then no module has settings) and may appear later.
/// </summary>
internal sealed record ModuleSettingsSource(string? FilePath, bool Named)
{
    public static ModuleSettingsSource Resolve(RuntimeSettings settings)
    {
        if (settings.ModulesConfig is { } named) return new(Path.GetFullPath(named), Named: true);
        var folder = Path.GetFullPath(settings.ModulePath);
        return Directory.Exists(folder)
            ? new(Path.Combine(folder, RuntimeSettings.Defaults.ModulesConfigFileName), Named: false)
            : new(null, Named: false);
    }

    /// <summary>The file's text and its SHA-256; no text when there is no file to read; an error when it cannot be read.</summary>
    public (string? Text, string? Sha256, string? Error) Read()
    {
        if (FilePath is null) return (null, null, null);
        try
        {
            var bytes = File.ReadAllBytes(FilePath);
            return (Encoding.UTF8.GetString(bytes), Convert.ToHexStringLower(SHA256.HashData(bytes)), null);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Named ? (null, null, $"{BoosterVariables.ModulesConfig}={FilePath}: the file does not exist") : (null, null, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, null, $"{FilePath} cannot be read: {e.Message}");
        }
    }

    /// <summary>For <c>/info</c>: the file, or why there is none.</summary>
    public string Describe() => FilePath ?? $"none ({BoosterVariables.Path} is not a folder and {BoosterVariables.ModulesConfig} is unset)";
}
