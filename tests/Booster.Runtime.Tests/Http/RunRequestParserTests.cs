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

    /// <summary>Bodies whose text cannot become .NET strings: raw invalid UTF-8 and escaped lone surrogates.</summary>
    public static TheoryData<byte[], string> NotText()
    {
        static byte[] With(string before, byte[] middle, string after) =>
            [.. Encoding.UTF8.GetBytes(before), .. middle, .. Encoding.UTF8.GetBytes(after)];
        byte[] invalid = [0xC3, 0x28, 0xFF];
        var lone = Encoding.UTF8.GetBytes("\\ud800");
        var data = new TheoryData<byte[], string>();
        foreach (var bad in new[] { invalid, lone })
        {
            data.Add(With("{\"name\":\"", bad, "\"}"), "'name'");
            data.Add(With("{\"module\":\"", bad, "\"}"), "'module'");
            data.Add(With("{\"args\":[\"ok\",\"", bad, "\"]}"), "'args[1]'");
            data.Add(With("{\"env\":{\"A\":\"", bad, "\"}}"), "'env.A'");
            data.Add(With("{\"env\":{\"", bad, "\":\"1\"}}"), "'env' has a field name");
            data.Add(With("{\"stdin\":\"", bad, "\"}"), "'stdin'");
            data.Add(With("{\"stdin_base64\":\"", bad, "\"}"), "'stdin_base64'");
            data.Add(With("{\"", bad, "\":1}"), "the body has a field name");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(NotText))]
    public void TextThatIsNotUnicodeIsRefusedNamingTheField(byte[] body, string field)
    {
        var (request, error) = RunRequestParser.Parse(body, 10000);

        request.Should().BeNull();
        error.Should().Contain(field);
    }

    [Theory]
    [InlineData("""{"name":"a","name":"b"}""", "the body has the field 'name' more than once")]
    [InlineData("""{"env":{"A":"1","A":"2"}}""", "'env' has the field 'A' more than once")]
    [InlineData("""{"env":{"":"1"}}""", "invalid variable name")]
    [InlineData("""{"env":{"A\u0000":"1"}}""", "invalid variable name")]
    [InlineData("""{"timeout_ms":1e400}""", "'timeout_ms' must be an integer")]
    [InlineData("""{"timeout_ms":99999999999999999999999}""", "'timeout_ms' must be an integer")]
    public void AmbiguousOrOutOfRangeInputIsRefused(string body, string expected)
    {
        var (request, error) = RunRequestParser.Parse(Encoding.UTF8.GetBytes(body), 10000);

        request.Should().BeNull();
        error.Should().Contain(expected);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void ABodySplitAcrossBuffersReadsAsOne(int segmentLength)
    {
        var bytes = Encoding.UTF8.GetBytes("\uFEFF" + """{"stdin":"h\u00e9llo \ud83d\ude00","args":["a"]}  """);

        var (request, error) = RunRequestParser.Parse(Segments.Of(bytes, segmentLength), 10000);

        error.Should().BeNull();
        Encoding.UTF8.GetString(request!.Stdin!).Should().Be("h\u00e9llo \U0001F600");
        request.Args.Should().Equal("a");
    }

    [Fact]
    public void StdinIsItsUtf8BytesWithOrWithoutEscapes()
    {
        Parse("{\"stdin\":\"h\u00e9!\"}").Stdin.Should().Equal(Encoding.UTF8.GetBytes("h\u00e9!")); // raw UTF-8, taken as is
        Parse("""{"stdin":"h\u00e9\n"}""").Stdin.Should().Equal(Encoding.UTF8.GetBytes("h\u00e9\n"));  // JSON escapes, decoded
    }

    [Fact]
    public void TrailingContentAfterTheObjectIsRefusedEvenInALaterBuffer()
    {
        var (request, error) = RunRequestParser.Parse(Segments.Of(Encoding.UTF8.GetBytes("{}   x"), 3), 10000);

        request.Should().BeNull();
        error.Should().Contain("single JSON object");
    }

    /// <summary>A byte sequence in several buffers, as the server's pipe hands over a body.</summary>
    private sealed class Segments : System.Buffers.ReadOnlySequenceSegment<byte>
    {
        private Segments(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public static System.Buffers.ReadOnlySequence<byte> Of(byte[] bytes, int length)
        {
            var first = new Segments(bytes.AsMemory(0, Math.Min(length, bytes.Length)), 0);
            var last = first;
            for (var at = length; at < bytes.Length; at += length)
            {
                var next = new Segments(bytes.AsMemory(at, Math.Min(length, bytes.Length - at)), at);
                last.Next = next;
                last = next;
            }
            return new System.Buffers.ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
    }
}
