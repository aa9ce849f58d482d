using Arc.Platform.Registry;

namespace Arc.Platform.Tests.Registry;

[Trait("Tier", "unit")]
public sealed class ServiceEndpointTests
{
    [Fact]
    public void An_endpoint_prints_as_host_colon_port()
    {
        Assert.Equal("127.0.0.1:6379", ServiceEndpoint.Loopback(6379).ToString());
        Assert.Equal("arc-cache:6379", new ServiceEndpoint("arc-cache", 6379).ToString());
    }

    [Fact]
    public void A_url_is_scheme_endpoint_and_path_with_no_trailing_slash()
    {
        var endpoint = ServiceEndpoint.Loopback(8222);

        Assert.Equal("nats://127.0.0.1:8222", endpoint.Url("nats"));
        Assert.Equal("http://127.0.0.1:8222/healthz", endpoint.Url("http", "/healthz"));
    }

    [Fact]
    public void A_uri_carries_scheme_host_and_port()
    {
        var uri = ServiceEndpoint.Loopback(8082).Uri("http");

        Assert.Equal(("http", "127.0.0.1", 8082), (uri.Scheme, uri.Host, uri.Port));
    }

    [Fact]
    public void A_service_endpoint_is_found_by_port_name_on_its_host_port_not_its_container_port()
    {
        var nats = SampleServices.Nats(14222, 18222);

        Assert.Equal(ServiceEndpoint.Loopback(14222), nats.Endpoint("client"));
        Assert.Equal(ServiceEndpoint.Loopback(18222), nats.Endpoint("monitor"));
        Assert.Equal(nats.Endpoint("monitor"), nats.HealthEndpoint);
    }

    [Fact]
    public void A_port_name_the_service_does_not_declare_is_refused_naming_it()
    {
        var redis = SampleServices.Redis(16379);

        var error = Assert.Throws<InvalidOperationException>(() => redis.Endpoint("admin"));

        Assert.Equal("sonic declares no port 'admin'", error.Message);
    }
}
