using System.Globalization;
using System.Runtime.InteropServices;

namespace Booster.Runtime.Configuration;

/// <summary>Reads the kernel limits that decide how many Wasmtime instances can live at once.</summary>
internal static partial class SystemLimits
{
    public const long RecommendedMaxMapCount = 262144;

    /// <summary><c>/proc/sys/vm/max_map_count</c>, or null where there is no such file.</summary>
    public static long? ReadMaxMapCount() => ReadLong("/proc/sys/vm/max_map_count");

    /// <summary>Memory maps the process has now (lines of /proc/self/maps), or null.</summary>
    public static long? CountMaps()
    {
        try
        {
            return File.ReadLines("/proc/self/maps").LongCount();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Bytes of address space the process has mapped now (VmSize), or null.</summary>
    public static long? ReadVirtualMemoryBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith("VmSize:", StringComparison.Ordinal)) continue;
                var kb = line["VmSize:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // Not Linux, or /proc is hidden: the caller treats this as unknown.
        }
        return null;
    }

    /// <summary>The soft RLIMIT_AS in bytes, or null when unlimited or unknown.</summary>
    public static ulong? ReadAddressSpaceLimit()
    {
        if (!OperatingSystem.IsLinux()) return null;
        const int RlimitAs = 9;
        const ulong Infinity = ulong.MaxValue;
        return GetRLimit(RlimitAs, out var limit) == 0 && limit.Current != Infinity ? limit.Current : null;
    }

    private static long? ReadLong(string path)
    {
        try
        {
            return long.Parse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", EntryPoint = "getrlimit")]
    private static partial int GetRLimit(int resource, out RLimit limit);
}
