namespace Booster.Runtime.Modules;

/// <summary>
/// Progress of the first scan of BOOSTER_PATH: how many module files it found and how many
/// of them are settled (loaded or rejected). Readiness waits for it to finish, so that a
/// replica taking traffic serves every module its files hold.
/// </summary>
internal sealed class FirstScan
{
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _files = -1;
    private int _settled;

    /// <summary>Completes once every file of the first scan is settled.</summary>
    public Task Finished => _finished.Task;

    public bool IsFinished => _finished.Task.IsCompleted;

    /// <summary>Files found by the first scan; -1 until it has listed them.</summary>
    public int Files => Volatile.Read(ref _files);

    public int Settled => Volatile.Read(ref _settled);

    public void Listed(int files) => Volatile.Write(ref _files, files);

    public void FileSettled() => Interlocked.Increment(ref _settled);

    public void Finish() => _finished.TrySetResult();
}
