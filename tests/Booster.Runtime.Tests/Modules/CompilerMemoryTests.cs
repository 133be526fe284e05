using Booster.Runtime.Modules;

namespace Booster.Runtime.Tests.Modules;

public class CompilerMemoryTests
{
    [Fact]
    public void TheHeapIsTrimmedWhenTheLastCompileInProgressEnds()
    {
        var trims = 0;
        var memory = new CompilerMemory(() => trims++);

        var first = memory.Compiling();
        var second = memory.Compiling();
        first.Dispose();
        trims.Should().Be(0, "a compile is still in progress");
        second.Dispose();
        trims.Should().Be(1);

        using (memory.Compiling())
        {
        }
        trims.Should().Be(2, "each time compiling stops");
    }
}
