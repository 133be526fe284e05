using Booster.Runtime.Execution;
using Booster.Runtime.Http;

namespace Booster.Runtime.Tests.Http;

public class ErrorCodeTests
{
    [Theory]
    [InlineData("Trap", "trap", 500)]
    [InlineData("MemoryLimit", "memory_limit", 500)]
    [InlineData("ResourcesExhausted", "resources_exhausted", 503)]
    [InlineData("Timeout", "timeout", 504)]
    [InlineData("InternalError", "internal_error", 500)]
    public void EveryFailedOutcomeHasTheDocumentedCodeAndStatus(string outcome, string code, int status)
    {
        var error = ErrorCode.For(Enum.Parse<ExecutionOutcome>(outcome));
        error.Code.Should().Be(code);
        error.Status.Should().Be(status);
    }

    [Fact]
    public void ACompletedRunIsNotAnError() =>
        FluentActions.Invoking(() => ErrorCode.For(ExecutionOutcome.Completed)).Should().Throw<ArgumentOutOfRangeException>();

    [Fact]
    public void OnlyTheTransient503sAskForARetry()
    {
        ErrorCode.Overloaded.IsRetryable.Should().BeTrue();
        ErrorCode.ResourcesExhausted.IsRetryable.Should().BeTrue();
        ErrorCode.NoModule.IsRetryable.Should().BeTrue();
        ErrorCode.Trap.IsRetryable.Should().BeFalse();
        ErrorCode.BadRequest.IsRetryable.Should().BeFalse();
    }

    [Theory]
    [InlineData(404, "not_found", 404)]
    [InlineData(405, "method_not_allowed", 405)]
    [InlineData(400, "bad_request", 400)]
    [InlineData(415, "bad_request", 400)]
    public void ABareClientErrorStatusBecomesADocumentedCode(int bareStatus, string code, int status)
    {
        var error = ErrorCode.ForBareStatus(bareStatus);
        error.Should().NotBeNull();
        error!.Code.Should().Be(code);
        error.Status.Should().Be(status);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(302)]
    [InlineData(500)]
    public void ABareStatusThatIsNotAClientErrorIsLeftAlone(int status) =>
        ErrorCode.ForBareStatus(status).Should().BeNull();
}
