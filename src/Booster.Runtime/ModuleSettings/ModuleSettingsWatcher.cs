using Booster.Contract;

namespace Booster.Runtime.ModuleSettings;

/// <summary>
/// Keeps <see cref="ModuleProfiles"/> in step with the settings file: read once before the
/// server starts (a file that does not validate then stops the process, as a bad variable
/// does), then checked every <see cref="CheckInterval"/> and applied when its content changed.
/// Reading by content, not by file events, follows a ConfigMap's symlink swap as well as an
/// edit in place. A file that does not validate is refused whole: logged, shown by
/// <c>GET /modules</c>, counted; the last good settings stay in force.
/// </summary>
internal sealed partial class ModuleSettingsWatcher(ModuleProfiles profiles, RuntimeSettings runtime, ILogger<ModuleSettingsWatcher> logger)
    : BackgroundService
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>The content last settled (applied or refused): a file is judged once per change.</summary>
    private string? _lastSeen = "";

    /// <summary>Reads and applies the file at start-up; throws with every problem when it does not validate.</summary>
    public void LoadAtStart()
    {
        if (Check() is { } error) throw new ModuleSettingsRefusedException(error);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) Check();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>One look at the file: applies it or refuses it when it changed. Returns the refusal, if any.</summary>
    internal string? Check()
    {
        var source = profiles.Source;
        var (text, sha256, readError) = source.Read();
        var seen = readError ?? sha256;
        if (seen == _lastSeen) return null;
        _lastSeen = seen;

        var now = DateTimeOffset.UtcNow;
        if (readError is not null) return Refuse(readError, now);
        if (text is null)
        {
            if (profiles.Current.Sha256 is not null) LogRemoved(logger, source.FilePath ?? "");
            profiles.Apply(ModuleSettingsFile.Empty, null, now);
            return null;
        }

        var folder = Path.GetDirectoryName(source.FilePath!)!;
        var context = new ModuleSettingsParser.Context(runtime, folder, Environment.GetEnvironmentVariable, Directory.Exists);
        var (file, errors) = ModuleSettingsParser.Parse(text, context);
        if (file is null) return Refuse($"{source.FilePath}: {string.Join("; ", errors)}", now);
        profiles.Apply(file, sha256, now);
        LogApplied(logger, source.FilePath!, file.Modules.Count, sha256![..12]);
        return null;
    }

    private string Refuse(string error, DateTimeOffset now)
    {
        profiles.Refuse(error, now);
        LogRefused(logger, error);
        return error;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Module settings applied from {File}: {Count} modules named (sha256 {Sha256})")]
    private static partial void LogApplied(ILogger logger, string file, int count, string sha256);

    [LoggerMessage(Level = LogLevel.Information, Message = "Module settings file {File} is gone: every module runs with the runtime's settings")]
    private static partial void LogRemoved(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "Module settings refused, the last good settings stay in force: {Error}")]
    private static partial void LogRefused(ILogger logger, string error);
}

/// <summary>The settings file did not validate at start-up; the message names every problem.</summary>
internal sealed class ModuleSettingsRefusedException(string message) : Exception(message);
