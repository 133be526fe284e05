using System.Text;
using Booster.Runtime.Http;

namespace Booster.Runtime.Tests.Http;

public class RunRequestParserTests
{
    private static RunRequest Parse(string json)
    {
        var (request, error) = RunRequestParser.Parse(Encoding.UTF8.GetBytes(json), maxTimeoutMs: 10000);
        error.Should().BeNull();
        return request!;
    }

    [Fact]
    public void EveryFieldIsRead()
    {
        var request = Parse("""{"name":"n","module":"m","args":["a","b"],"env":{"X":"1"},"stdin":"in","timeout_ms":50}""");

        request.Module.Should().Be("m");
        request.Args.Should().Equal("a", "b");
        request.Env.Select(e => $"{e.Key}={e.Value}").Should().Equal("NAME=n", "X=1");
        Encoding.UTF8.GetString(request.Stdin!).Should().Be("in");
        request.TimeoutMs.Should().Be(50);
    }

    [Fact]
    public void EnvOverridesNameAndNullsMeanAbsent()
    {
        var request = Parse("""{"name":"n","env":{"NAME":"e"},"args":null,"stdin":null,"timeout_ms":null}""");

        request.Env.Select(e => $"{e.Key}={e.Value}").Should().Equal("NAME=e");
        request.Args.Should().BeEmpty();
        request.Stdin.Should().BeNull();
        request.TimeoutMs.Should().BeNull();
    }

    [Fact]
    public void Base64StdinIsDecodedAndABomIsTolerated()
    {
        Parse("\uFEFF" + """{"stdin_base64":"AAEC"}""").Stdin.Should().Equal(0, 1, 2);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    [InlineData("{}")]
    public void AnEmptyRequestMeansDefaults(string body)
    {
        var request = Parse(body);
        request.Args.Should().BeEmpty();
        request.Env.Should().BeEmpty();
        request.Module.Should().BeNull();
    }

    [Fact]
    public void DeeplyNestedJsonIsRefusedNotRecursedInto()
    {
        var deep = "{\"x\":" + new string('[', 5000) + new string(']', 5000) + "}";
        var (request, error) = RunRequestParser.Parse(Encoding.UTF8.GetBytes(deep), 10000);

        request.Should().BeNull();
        error.Should().Contain("not valid JSON");
    }
}
