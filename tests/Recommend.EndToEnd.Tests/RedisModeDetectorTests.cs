using Recommend.AppHost.Redis;

namespace Recommend.EndToEnd.Tests;

public sealed class RedisModeDetectorTests : IDisposable
{
    private readonly DirectoryInfo _emptyPath = Directory.CreateTempSubdirectory("recommend-path-");

    [Fact]
    public void WithNeitherAContainerRuntimeNorRedisServerTheMessageSaysHowToGetOne()
    {
        var ex = Assert.Throws<DistributedApplicationException>(() => RedisModeDetector.Resolve(RedisMode.Auto, "docker", _emptyPath.FullName));
        Assert.Contains("apt-get install -y redis-server", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ContainerModeWithoutAnAnsweringRuntimeIsRefusedClearly()
    {
        var ex = Assert.Throws<DistributedApplicationException>(() => RedisModeDetector.Resolve(RedisMode.Container, "docker", _emptyPath.FullName));
        Assert.Contains("did not answer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AutoFallsBackToLocalRedisWhenTheDockerClientHasNoEngine()
    {
        // This machine's kind: no engine answers; redis-server is installed by ./test.sh.
        Assert.Equal(RedisMode.Local, RedisModeDetector.Resolve(RedisMode.Auto, "no-such-runtime"));
    }

    public void Dispose() => _emptyPath.Delete();
}
