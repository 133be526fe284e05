using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Booster.Deployment.Tests.Support;

/// <summary>
/// A built image's entrypoint, started as its container would be: in its working directory,
/// with its environment, as its USER (when the tests run as root; the files stay root's), and
/// with HOME=/ as for a UID without a passwd entry.
/// </summary>
internal sealed class ImageProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    public string Output => string.Join('\n', _output);

    public bool RunsAsImageUser { get; }

    /// <summary>The real UID the process runs as, from /proc.</summary>
    public string Uid => File.ReadLines($"/proc/{_process.Id}/status").Single(l => l.StartsWith("Uid:", StringComparison.Ordinal))
        .Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];

    private ImageProcess(Process process, bool runsAsImageUser)
    {
        _process = process;
        RunsAsImageUser = runsAsImageUser;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static ImageProcess Start(BuiltImage image, IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment)
    {
        var (uid, gid) = image.User?.Split(':') is [var u, var g] ? (u, g) : (image.User, image.User);
        var asUser = Environment.UserName == "root" && uid is not null && File.Exists("/usr/bin/setpriv");
        var words = image.Entrypoint.Concat(command).ToList();
        var start = new ProcessStartInfo(asUser ? "/usr/bin/setpriv" : words[0])
        {
            WorkingDirectory = image.HostWorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (asUser)
        {
            foreach (var arg in new[] { $"--reuid={uid}", $"--regid={gid}", "--clear-groups", "--" }) start.ArgumentList.Add(arg);
            start.ArgumentList.Add(words[0]);
        }
        foreach (var word in words.Skip(1)) start.ArgumentList.Add(word);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("BOOSTER_") || k.StartsWith("DOTNET_") || k.StartsWith("ASPNETCORE_")).ToList())
            start.Environment.Remove(name);
        start.Environment["HOME"] = "/";
        foreach (var (name, value) in image.Environment) start.Environment[name] = value;
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return new ImageProcess(Process.Start(start)!, asUser);
    }

    /// <summary>GETs the path until it answers 200 (the body) or the process ends or time runs out.</summary>
    public async Task<string> WaitForOkAsync(Uri url, TimeSpan? timeout = null)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"exited with {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK) return body;
                last = $"{(int)response.StatusCode} {body}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{url}: {last}\n{Output}");
    }


    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
