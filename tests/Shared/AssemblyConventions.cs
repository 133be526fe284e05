using System.Reflection;
using System.Runtime.CompilerServices;

namespace Booster.Tests.Shared;

/// <summary>
/// The conventions every product assembly keeps: no public type but the entry point (its tests see
/// internals through InternalsVisibleTo), and every class sealed unless it is static, abstract or
/// the base of another. Each returns the types that break it.
/// </summary>
internal static class AssemblyConventions
{
    public static IEnumerable<string> PublicTypes(Assembly code) =>
        code.GetExportedTypes().Where(t => t != EntryPointOf(code)).Select(t => t.FullName!);

    public static IEnumerable<string> UnsealedClasses(Assembly code)
    {
        var types = code.GetTypes()
            .Where(t => t != EntryPointOf(code) && !t.IsDefined(typeof(CompilerGeneratedAttribute)) && !t.Name.Contains('<'))
            .ToList();
        var bases = types.Select(t => t.BaseType).OfType<Type>().Select(t => t.IsGenericType ? t.GetGenericTypeDefinition() : t).ToHashSet();
        return types.Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract && !bases.Contains(t)).Select(t => t.FullName!);
    }

    /// <summary>The program's entry point, which the SDK may declare public and partial.</summary>
    private static Type? EntryPointOf(Assembly code) => code.EntryPoint?.DeclaringType;
}
