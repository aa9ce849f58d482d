using Xunit;
using Arc.Platform.Technologies;

namespace Arc.Platform.Tests.Technologies;

[Trait("Tier", "unit")]
public class TechnologyCatalogTests
{
    [Theory]
    [InlineData("nats")]
    [InlineData("redis")]
    [InlineData("pulsar")]
    public async Task Default_catalog_knows_each_technology_of_the_plan(string tech)
    {
        await using var catalog = TechnologyCatalog.CreateDefault();

        Assert.Equal(tech, catalog.Find(tech)?.Tech);
    }

    [Fact]
    public async Task Service_of_an_unknown_tech_is_a_located_configuration_error()
    {
        var service = SampleServices.Redis(6379) with { Tech = "kafka" };
        await using var catalog = TechnologyCatalog.CreateDefault();

        var error = Assert.Throws<ConfigException>(() => catalog.For(service));

        Assert.Equal("services/cache/service.yaml", error.File);
        Assert.Equal(5, error.Line);
        Assert.Contains("unknown tech 'kafka'", error.Message);
        Assert.Contains("nats, pulsar, redis", error.Message);
    }

    [Fact]
    public void Registering_a_technology_twice_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new TechnologyCatalog([new Platform.Technologies.Redis.RedisTechnology(), new Platform.Technologies.Redis.RedisTechnology()]));
    }
}
