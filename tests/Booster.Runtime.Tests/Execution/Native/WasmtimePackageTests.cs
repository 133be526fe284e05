using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Xml.Linq;
using Booster.Runtime.Execution.Native;
using Wasmtime;

namespace Booster.Runtime.Tests.Execution.Native;

/// <summary>
/// <see cref="WasmtimeHandles"/> and <see cref="WasmtimeErrors"/> reach private members of the
/// Wasmtime package, and Execution/Native declares the native library's layouts by hand. These
/// tests fail, saying what to re-check, when the pinned package is not the one that was checked
/// or a reflected member is gone.
/// </summary>
public sealed unsafe class WasmtimePackageTests
{
    private const string ReCheck =
        "Re-check against the new package's source: the private members WasmtimeHandles and WasmtimeErrors reach " +
        "(Config/Engine/Linker/Module.handle, Caller.handle, Store.contextHandle, WasmtimeException.FromOwnedError, " +
        "TrapException.FromOwnedTrap) and every struct layout and signature in src/Booster.Runtime/Execution/Native " +
        "against the library's C headers; then set WasmtimeNative.CheckedPackageVersion.";

    private static readonly BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;
    private static readonly BindingFlags PrivateStatic = BindingFlags.NonPublic | BindingFlags.Static;

    [Fact]
    public void ThePinnedPackageIsTheOneTheNativeCodeWasCheckedAgainst()
    {
        var pinned = PinnedVersion();
        Assert.True(pinned == WasmtimeNative.CheckedPackageVersion,
            $"Directory.Packages.props pins Wasmtime {pinned}, but Execution/Native was checked against {WasmtimeNative.CheckedPackageVersion}. {ReCheck}");
    }

    [Fact]
    public void TheLoadedAssemblyIsThePinnedPackage()
    {
        var loaded = typeof(Engine).Assembly.GetName().Version!;
        var pinned = Version.Parse(PinnedVersion());
        Assert.True((loaded.Major, loaded.Minor, loaded.Build) == (pinned.Major, pinned.Minor, pinned.Build),
            $"the test binary loaded Wasmtime {loaded}, but Directory.Packages.props pins {pinned}. {ReCheck}");
    }

    [Theory]
    [InlineData(typeof(Config))]
    [InlineData(typeof(Engine))]
    [InlineData(typeof(Linker))]
    [InlineData(typeof(Wasmtime.Module))]
    public void EachWrappedObjectKeepsItsSafeHandleInAPrivateHandleField(Type type)
    {
        var field = type.GetField("handle", Private);
        Assert.True(field is not null && typeof(SafeHandle).IsAssignableFrom(field.FieldType),
            $"{type.FullName}.handle (a SafeHandle), which WasmtimeHandles.Of reads, is {Describe(field)}. {ReCheck}");
    }

    [Theory]
    [InlineData(typeof(Caller), "handle")]
    [InlineData(typeof(Store), "contextHandle")]
    public void TheCallerAndTheStoreKeepTheirNativePointerInAPrivateField(Type type, string name)
    {
        var field = type.GetField(name, Private);
        Assert.True(field?.FieldType == typeof(nint),
            $"{type.FullName}.{name} (an IntPtr), which WasmtimeHandles reads with UnsafeAccessor, is {Describe(field)}. {ReCheck}");
    }

    [Theory]
    [InlineData(typeof(WasmtimeException), "FromOwnedError", new[] { typeof(nint) })]
    [InlineData(typeof(TrapException), "FromOwnedTrap", new[] { typeof(nint), typeof(bool) })]
    public void TheExceptionFactoriesWasmtimeErrorsCallsExist(Type type, string name, Type[] parameters)
    {
        var method = type.GetMethod(name, PrivateStatic, parameters);
        Assert.True(method is not null && type.IsAssignableFrom(method.ReturnType),
            $"{type.FullName}.{name}({string.Join(", ", parameters.Select(p => p.Name))}), which WasmtimeErrors calls with UnsafeAccessor, is missing. {ReCheck}");
    }

    [Fact]
    public void TheReflectedHandlesAreLiveNativeObjects()
    {
        using var config = new Config();
        using var engine = new Engine();
        using var linker = new Linker(engine);
        using var module = Wasmtime.Module.FromText(engine, "empty", "(module)");
        using var store = new Store(engine);

        Assert.All(new object[] { config, engine, linker, module }, o => Assert.NotEqual(0, WasmtimeHandles.Of(o)));
        Assert.NotEqual(0, WasmtimeHandles.Context(store));
    }

    [Fact]
    public void AnOwnedErrorBecomesTheExceptionTheDotNetApiThrows()
    {
        var message = Encoding.UTF8.GetBytes("checked by the package test\0");
        nint error;
        fixed (byte* text = message) error = WasmtimeNative.wasmtime_error_new(text);

        var thrown = Assert.Throws<WasmtimeException>(() => WasmtimeErrors.ThrowIfFailed(error, 0));
        Assert.Contains("checked by the package test", thrown.Message);
    }

    private static string PinnedVersion()
    {
        var props = XDocument.Load(RepositoryPaths.File("Directory.Packages.props"));
        var entry = props.Descendants("PackageVersion").SingleOrDefault(e => (string?)e.Attribute("Include") == "Wasmtime");
        Assert.True(entry is not null, "Directory.Packages.props has no <PackageVersion Include=\"Wasmtime\" Version=\"...\" />");
        return (string)entry.Attribute("Version")!;
    }

    private static string Describe(FieldInfo? field) => field is null ? "missing" : $"of type {field.FieldType.FullName}";
}
