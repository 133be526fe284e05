using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Booster.Runtime.Execution.Limits;
using Booster.Runtime.Execution.Native;
using static Booster.Runtime.Execution.Native.WasmtimeNative;
using static Booster.Runtime.Execution.WarmPool.Libc;
using Wasmtime;

namespace Booster.Runtime.Execution.WarmPool;

/// <summary>
/// Supplies Wasmtime's linear memories from a pool of warm, reused regions instead of fresh
/// mappings. A page fault on fresh memory is costly (much more so in a VM) and faults do not
/// scale across cores, so every execution that maps new memory pays for each page it touches; a
/// reused region whose pages stay resident costs a memset instead.
///
/// Each region is 16 MiB of address space mapped once with no access, then read/write from its
/// start up to an extent. A memory ends exactly at that extent, so the configured guard after
/// it still traps out-of-bounds accesses; it is placed at the top of the extent when it fits
/// there, so that a smaller memory needs no system call (<see cref="RegionPlacement"/>). The
/// Wasmtime settings keep their meaning: a memory gets a region only when its size,
/// memory_reservation_for_growth and the guard all fit in it, and a mapping of its own
/// (size + growth room + guard) otherwise. On release the memory's pages are zeroed and kept
/// resident below <see cref="KeepResidentBytes"/> (see <see cref="ReleasePlan"/>; anything
/// beyond is discarded by the kernel) and the region goes back to the free list with its
/// read/write extent as it was. A memory that outgrows its region moves to a mapping
/// of its own — allowed because regions are used only when the memory reservation is 0, where
/// Wasmtime lets memories move. With a reservation (upstream defaults) each memory gets a mapping
/// of the reservation plus the guard, as Wasmtime's own would, and never moves.
///
/// Either way every memory is charged to the <see cref="MemoryBudget"/> of the execution that
/// creates it, so the limit holds for all its memories together and a refusal is recorded.
///
/// Requirements: copy-on-write memory images must be off (they need Wasmtime's own mmap
/// memories), and no callback may let an exception escape into Wasmtime.
///
/// Threads. Nothing here takes a lock; every piece of state has one of three owners.
/// <list type="bullet">
/// <item><see cref="Install"/> runs on whichever thread builds an engine; it only raises the
/// free-region maximum (a compare-and-swap) and hands Wasmtime a creator that it copies.</item>
/// <item>Wasmtime calls <c>NewMemory</c>, <c>GetMemory</c> and <c>GrowMemory</c> on the thread
/// that is using the memory's Store: instantiation, <c>memory.grow</c> and the host's own reads all
/// happen inside a call into that Store, and a Store is used by one thread at a time. So one
/// <see cref="HostMemory"/> (and the <see cref="Region"/> it holds) is only ever touched by one
/// thread at a time and is read and written without synchronisation; the execution's
/// <see cref="MemoryBudget"/> is found through <see cref="MemoryBudget.Current"/>, which is
/// per thread for exactly that reason.</item>
/// <item>Wasmtime calls <c>ReleaseMemory</c> when the Store is dropped — on the thread that
/// disposes it, or on the finalizer thread for a Store collected late — and
/// <c>FreeEngineParameters</c> when the engine is dropped, on the same kind of thread, possibly
/// after the engine's last Store is gone. Both must therefore work from any thread.</item>
/// </list>
/// What is shared between threads is lock-free: the free regions (<see cref="ConcurrentStack{T}"/>
/// and the per-processor <see cref="LastReleased"/> slots, taken and given back with
/// <see cref="Interlocked"/> exchanges, so that a region has exactly one owner from the moment it
/// is taken until it is returned) and the counters (<see cref="Interlocked"/>).
/// <see cref="Statistics"/> may be read on any thread; its three numbers are each current but
/// are not one snapshot.
/// </summary>
internal static unsafe class WarmMemoryPool
{
    /// <summary>Address space of one region: a memory of up to 8 MiB fits with its growth room and guard.</summary>
    public const nuint RegionBytes = 16 << 20;

    /// <summary>The most bytes of a free region kept resident (zeroed) for the next execution.</summary>
    public const nuint KeepResidentBytes = 8 << 20;

    /// <summary>Least room a dedicated mapping leaves for growth before it has to move again.</summary>
    private const nuint DedicatedGrowthBytes = 4 << 20;

    /// <summary>Free regions (pointers to <see cref="Region"/>), all zero, each with its read/write extent.</summary>
    private static readonly ConcurrentStack<nint> FreeRegions = new();

    /// <summary>
    /// Per processor, the region released last on it, kept for the next memory created there: its
    /// pages are still in that core's cache, so zeroing and using them again does not pull them
    /// from the other core (and no stack node is allocated). Slots belong to processors, not
    /// threads, so a thread that ends holds nothing.
    /// </summary>
    private static readonly nint[] LastReleased = new nint[Environment.ProcessorCount];

    /// <summary>Free regions in all, on the stack and in the processor slots (bounded by the maximum).</summary>
    private static int _freeCount;
    private static readonly nuint PageSize = (nuint)Environment.SystemPageSize;
    private static int _maxFreeRegions = 16;
    private static long _regionsMapped;
    private static long _reuses;

    /// <summary>Regions mapped so far and memories served from a warm region (for tests and /info).</summary>
    public static (long RegionsMapped, long Reuses, int Free) Statistics => (Interlocked.Read(ref _regionsMapped), Interlocked.Read(ref _reuses), Volatile.Read(ref _freeCount));

    /// <summary>
    /// Makes this engine configuration take its linear memories from the pool. The pool is
    /// process-wide: memories may be released after their engine is gone (a Store finalized
    /// late), so regions must outlive any one engine.
    /// </summary>
    /// <param name="config">The engine configuration to install the pool into.</param>
    /// <param name="reservationForGrowth">memory_reservation_for_growth: room every memory gets to grow in place.</param>
    /// <param name="maxFreeRegions">Free regions to keep warm (about the executions admitted at once).</param>
    /// <param name="maxMemoryBytes">BOOSTER_MAX_MEMORY_BYTES: no mapping is made larger than a memory may become.</param>
    /// <param name="useRegions">False maps every memory on its own (the memory reservation is not 0, so memories may not move into a region).</param>
    public static void Install(Config config, ulong reservationForGrowth, ulong maxMemoryBytes, int maxFreeRegions, bool useRegions)
    {
        InterlockedMax(ref _maxFreeRegions, maxFreeRegions);
        config.WithMemoryInitCopyOnWrite(false);
        // Per-engine parameters travel in the creator's env; Wasmtime frees it with the engine.
        var parameters = (EngineParameters*)NativeMemory.Alloc((nuint)sizeof(EngineParameters));
        parameters->ReservationForGrowth = (nuint)reservationForGrowth;
        parameters->MaxMemoryBytes = (nuint)maxMemoryBytes;
        parameters->UseRegions = useRegions && maxFreeRegions > 0 ? 1 : 0;
        var creator = new MemoryCreator
        {
            Env = parameters,
            NewMemory = &NewMemory,
            Finalizer = &FreeEngineParameters,
        };
        wasmtime_config_host_memory_creator_set(WasmtimeHandles.Of(config), &creator);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static nint NewMemory(void* env, void* type, nuint minimum, nuint maximum, nuint reserved, nuint guard, LinearMemory* result)
    {
        try
        {
            var parameters = (EngineParameters*)env;
            // Charged to the execution on this thread (if any) before anything is mapped.
            var budget = MemoryBudget.Current;
            if (budget is not null && !budget.TryGrow(0, minimum)) return Error(budget.Refusal!);
            var memory = (HostMemory*)NativeMemory.AllocZeroed((nuint)sizeof(HostMemory));
            memory->Guard = RoundUp(guard);
            memory->GrowthRoom = RoundUp(parameters->ReservationForGrowth);
            memory->Limit = RoundUp(parameters->MaxMemoryBytes);
            // A memory reservation (upstream defaults) means the memory must never move: map it all now.
            var placed = reserved != 0 ? TryMapDedicated(memory, minimum, RoundUp(reserved))
                : parameters->UseRegions != 0 ? TryPlace(memory, minimum)
                : TryMapDedicated(memory, minimum, 0);
            if (!placed)
            {
                var error = Marshal.GetLastPInvokeError();
                NativeMemory.Free(memory);
                budget?.Release(minimum);
                return Error($"mmap failed: Cannot allocate memory (os error {error}) for a {minimum}-byte linear memory");
            }
            if (budget is not null) memory->Budget = GCHandle.ToIntPtr(GCHandle.Alloc(budget));
            result->Env = memory;
            result->GetMemory = &GetMemory;
            result->GrowMemory = &GrowMemory;
            result->Finalizer = &ReleaseMemory;
            return 0;
        }
        catch (Exception e)
        {
            return Error(e.Message);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void FreeEngineParameters(void* env) => NativeMemory.Free(env);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static byte* GetMemory(void* env, nuint* byteSize, nuint* byteCapacity)
    {
        var memory = (HostMemory*)env;
        *byteSize = memory->Size;
        // Wasmtime asserts that growth within the capacity it is told never moves the memory; a
        // memory in a region may move down to grow (MoveDown), so its capacity is its size.
        *byteCapacity = memory->Region is not null ? memory->Size : memory->Capacity;
        return memory->Base;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static nint GrowMemory(void* env, nuint newSize)
    {
        try
        {
            var memory = (HostMemory*)env;
            // The refusal is recorded in the budget now; Wasmtime turns the error into memory.grow = -1.
            var budget = BudgetOf(memory);
            if (budget is not null && !budget.TryGrow(memory->Size, newSize)) return Error(budget.Refusal!);
            var error = Grow(memory, newSize);
            if (error != 0) budget?.Release(newSize - memory->Size);
            return error;
        }
        catch (Exception e)
        {
            return Error(e.Message);
        }
    }

    private static nint Grow(HostMemory* memory, nuint newSize)
    {
        if (newSize <= memory->Capacity)
        {
            var from = RoundUp(memory->Size);
            var to = RoundUp(newSize);
            if (memory->Region is not null && to > from && RegionPlacement.GrowsByMovingDown(memory->Offset, from, to - from))
            {
                MoveDown(memory, from, to - from);
                memory->Size = newSize;
                return 0;
            }
            var exposed = memory->Region is not null
                ? SetExposed(memory->Region, memory->Offset + to)
                : to <= from || mprotect(memory->Base + from, to - from, ProtReadWrite) == 0;
            if (!exposed) return Error($"mprotect failed: Cannot allocate memory (os error {Marshal.GetLastPInvokeError()})");
            memory->Size = newSize;
            return 0;
        }

        // Outgrown: move to a mapping of its own, with room to grow further.
        var moved = new HostMemory { Guard = memory->Guard, GrowthRoom = memory->GrowthRoom, Limit = memory->Limit, Budget = memory->Budget };
        if (!TryMapDedicated(&moved, newSize, 0))
            return Error($"mmap failed: Cannot allocate memory (os error {Marshal.GetLastPInvokeError()}) growing to {newSize} bytes");
        Buffer.MemoryCopy(memory->Base, moved.Base, moved.Capacity, memory->Size);
        Unmap(memory);
        *memory = moved;
        return 0;
    }

    /// <summary>
    /// Grows a memory by moving it down in its region: the bytes below it are read/write and zero,
    /// its end and the guard after it stay. Wasmtime lets memories move (the reservation is 0).
    /// </summary>
    private static void MoveDown(HostMemory* memory, nuint size, nuint growth)
    {
        var moved = memory->Base - growth;
        Buffer.MemoryCopy(memory->Base, moved, size, size); // overlapping: copied as memmove does
        NativeMemory.Clear(moved + size, growth); // the new pages, where the old top was
        memory->Base = moved;
        memory->Offset -= growth;
        memory->Capacity += growth;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void ReleaseMemory(void* env)
    {
        try
        {
            var memory = (HostMemory*)env;
            if (memory->Budget != 0)
            {
                var handle = GCHandle.FromIntPtr(memory->Budget);
                ((MemoryBudget)handle.Target!).Release(memory->Size);
                handle.Free();
            }
            Unmap(memory);
            NativeMemory.Free(memory);
        }
        catch
        {
            // Nothing may escape into Wasmtime; at worst one region is leaked.
        }
    }

    private static MemoryBudget? BudgetOf(HostMemory* memory) =>
        memory->Budget == 0 ? null : (MemoryBudget)GCHandle.FromIntPtr(memory->Budget).Target!;

    private static bool TryPlace(HostMemory* memory, nuint minimum)
    {
        // A region serves a memory only if it also leaves the configured room to grow in place.
        if (RoundUp(minimum) + memory->GrowthRoom + memory->Guard > RegionBytes) return TryMapDedicated(memory, minimum, 0);

        Region* region;
        var free = Interlocked.Exchange(ref LastReleased[Processor()], 0);
        if (free != 0 || FreeRegions.TryPop(out free))
        {
            Interlocked.Decrement(ref _freeCount);
            region = (Region*)free;
            Interlocked.Increment(ref _reuses);
        }
        else
        {
            var mapping = (nint)mmap(null, RegionBytes, ProtNone, MapPrivate | MapAnonymous | MapNoReserve, -1, 0);
            if (mapping == MapFailed) return false;
            region = (Region*)NativeMemory.AllocZeroed((nuint)sizeof(Region));
            region->Base = (byte*)mapping;
            Interlocked.Increment(ref _regionsMapped);
        }
        var placement = RegionPlacement.Decide(region->Exposed, RoundUp(minimum), memory->GrowthRoom, memory->Guard, RegionBytes, KeepResidentBytes);
        memory->Region = region;
        memory->Offset = (nuint)placement.Offset;
        memory->Base = region->Base + memory->Offset;
        memory->Mapped = RegionBytes;
        memory->Capacity = RegionBytes - memory->Guard - memory->Offset;
        memory->Size = minimum;
        // Mostly the memory ends where the extent already does, and no system call is needed.
        if (SetExposed(region, (nuint)placement.Exposed)) return true;
        ReturnRegion(region);
        return false;
    }

    /// <summary>Makes exactly the first <paramref name="bytes"/> of a region read/write, the rest no-access.</summary>
    private static bool SetExposed(Region* region, nuint bytes)
    {
        var exposed = region->Exposed;
        if (bytes > exposed && mprotect(region->Base + exposed, bytes - exposed, ProtReadWrite) != 0) return false;
        if (bytes < exposed && mprotect(region->Base + bytes, exposed - bytes, ProtNone) != 0) return false;
        region->Exposed = bytes;
        return true;
    }

    /// <param name="reserved">Wasmtime's memory reservation when it is not 0: the memory gets exactly that and never moves.</param>
    private static bool TryMapDedicated(HostMemory* memory, nuint size, nuint reserved)
    {
        // Room to grow: at least the configured reservation for growth, and geometric (the size
        // again) so that a memory growing page by page is copied O(log n) times, not O(n) —
        // but never beyond what the memory may become, which admission counted on.
        var size0 = RoundUp(size);
        var room = Math.Max(Math.Max(memory->GrowthRoom, DedicatedGrowthBytes), size0);
        var usable = reserved != 0 ? Math.Max(reserved, size0)
            : Math.Max(size0, Math.Min(size0 + room, Math.Max(memory->Limit, size0 + memory->GrowthRoom)));
        var length = usable + memory->Guard;
        var mapping = (nint)mmap(null, length, ProtNone, MapPrivate | MapAnonymous | MapNoReserve, -1, 0);
        if (mapping == MapFailed) return false;
        memory->Region = null;
        memory->Base = (byte*)mapping;
        memory->Mapped = length;
        memory->Capacity = length - memory->Guard;
        memory->Size = size;
        if (size == 0 || mprotect(memory->Base, RoundUp(size), ProtReadWrite) == 0) return true;
        munmap(memory->Base, length);
        return false;
    }

    /// <summary>Zeroes what was used and returns a pooled region; unmaps anything else.</summary>
    private static void Unmap(HostMemory* memory)
    {
        if (memory->Region is null)
        {
            munmap(memory->Base, memory->Mapped);
            return;
        }
        var region = memory->Region;
        var (kept, discard) = ReleasePlan.Split(memory->Offset, RoundUp(memory->Size), KeepResidentBytes);
        if (ReleasePlan.AsksResidency(kept))
        {
            var pages = (int)(kept.Length / PageSize);
            var resident = pages <= 4096 ? stackalloc byte[pages] : new byte[pages];
            fixed (byte* vector = resident)
            {
                // If residency cannot be read, zero every kept page.
                if (mincore(region->Base + kept.Offset, (nuint)kept.Length, vector) != 0) resident.Fill(1);
            }
            foreach (var run in ReleasePlan.ResidentRuns(kept, PageSize, resident)) NativeMemory.Clear(region->Base + run.Offset, (nuint)run.Length);
        }
        else
        {
            NativeMemory.Clear(region->Base + kept.Offset, (nuint)kept.Length);
        }
        // Beyond what is kept warm, let the kernel drop the pages (they read back as zero).
        if (discard.Length > 0) madvise(region->Base + discard.Offset, (nuint)discard.Length, MadviseDontNeed);
        ReturnRegion(region);
    }

    private static void ReturnRegion(Region* region)
    {
        if (Interlocked.Increment(ref _freeCount) <= Volatile.Read(ref _maxFreeRegions))
        {
            if (Interlocked.CompareExchange(ref LastReleased[Processor()], (nint)region, 0) != 0) FreeRegions.Push((nint)region);
            return;
        }
        Interlocked.Decrement(ref _freeCount);
        munmap(region->Base, RegionBytes);
        NativeMemory.Free(region);
    }

    /// <summary>This thread's processor now (a hint: the thread may move, which costs only locality).</summary>
    private static int Processor() => Thread.GetCurrentProcessorId() % LastReleased.Length;

    private static nuint RoundUp(nuint bytes) => (bytes + PageSize - 1) & ~(PageSize - 1);

    private static nint Error(string message)
    {
        var text = Marshal.StringToCoTaskMemUTF8(message);
        try
        {
            return wasmtime_error_new((byte*)text);
        }
        finally
        {
            Marshal.FreeCoTaskMem(text);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }

    /// <summary>A pooled region: its mapping and how much of it is read/write now.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Region
    {
        public byte* Base;
        public nuint Exposed;
    }

    /// <summary>One linear memory: in a pooled <see cref="Region"/>, or in a mapping of its own (Region null).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct HostMemory
    {
        public Region* Region;
        /// <summary>Where the memory starts in its region (<see cref="RegionPlacement"/>).</summary>
        public nuint Offset;
        public byte* Base;
        public nuint Size;
        public nuint Capacity;
        public nuint Mapped;
        public nuint Guard;
        public nuint GrowthRoom;
        public nuint Limit;
        /// <summary>GCHandle of the execution's <see cref="MemoryBudget"/>, or 0.</summary>
        public nint Budget;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct EngineParameters
    {
        public nuint ReservationForGrowth;
        public nuint MaxMemoryBytes;
        public int UseRegions;
    }
}
