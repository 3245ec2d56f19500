using CloudMart.BrowserTests.Admin;

namespace CloudMart.BrowserTests.Access;

[Collection(BrowserCollection.Name)]
public sealed class BackOfficeAccess(BrowserShop browser)
{
    [Fact]
    public async Task A_customer_is_shown_the_not_allowed_page_instead_of_the_back_office()
    {
        using var api = new ShopApi(browser.Shop);
        var (email, _, _) = await api.RegisterAsync("customer");
        var page = await browser.SignedInAsync(email, ShopApi.CustomerPassword);
        foreach (var path in new[] { "/admin", "/admin/orders", "/admin/products/new" })
        {
            await page.GotoAsync(path);
            Assert.Contains("/forbidden", page.Url, StringComparison.Ordinal);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("You can't open that page");
        }
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_from_every_back_office_page()
    {
        var page = await browser.NewVisitorAsync();
        foreach (var path in new[] { "/admin/orders", "/admin/products", "/admin/inventory", "/admin/customers", "/admin/dead-letters" })
        {
            await page.GotoAsync(path);
            Assert.Contains("/account/sign-in", page.Url, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Support_sees_orders_and_customers_but_no_controls_to_change_the_catalog_stock_or_roles()
    {
        using var api = new ShopApi(browser.Shop);
        var (id, sku, name) = await api.ProductAsync("Rope Dog Toy, Large");
        var page = await browser.SignedInAsync(await api.SupportAgentAsync(), ShopApi.CustomerPassword);

        await page.GotoAsync("/admin/orders");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Orders");
        await page.GotoAsync("/admin/customers");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Customers");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save roles" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Dead letters" })).ToHaveCountAsync(0);

        await page.GotoAsync($"/admin/products?q={Uri.EscapeDataString(name)}");
        await Assertions.Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = name })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "New product" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Edit {name}" })).ToHaveCountAsync(0);

        await page.GotoAsync($"/admin/inventory/{sku}");
        await Assertions.Expect(page.Locator("[data-stat=on-hand]")).ToHaveTextAsync("50");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Adjust stock" })).ToHaveCountAsync(0);

        await page.GotoAsync($"/admin/products/{id}");
        Assert.Contains("/forbidden", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Support_posting_a_product_edit_or_stock_adjustment_by_hand_is_refused_and_changes_nothing()
    {
        using var api = new ShopApi(browser.Shop);
        var (id, sku, name) = await api.ProductAsync("Cat Scratching Post, 60 cm");
        var page = await browser.SignedInAsync(await api.SupportAgentAsync(), ShopApi.CustomerPassword);
        await page.GotoAsync("/admin/orders");
        // A valid antiforgery token, so only authorization can stop these posts.
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");

        var edit = await page.APIRequest.PostAsync($"/admin/products/{id}", new()
        {
            Form = Form(page.APIRequest, ("__RequestVerificationToken", token!), ("_handler", "product"), ("Input.Sku", sku), ("Input.Name", "Changed by support"),
                ("Input.Price", "1.00"), ("Input.CategorySlug", "x"), ("Input.ETag", "\"1\"")),
            MaxRedirects = 0,
        });
        Assert.True(edit.Status is 302 or 403, $"expected a refusal, got {edit.Status}");
        if (edit.Status == 302)
        {
            Assert.Contains("/forbidden", edit.Headers["location"], StringComparison.Ordinal);
        }
        Assert.Equal(name, (await api.ProductByIdAsync(id)).GetProperty("name").GetString());

        var adjust = await page.APIRequest.PostAsync($"/admin/inventory/{sku}", new()
        {
            Form = Form(page.APIRequest, ("__RequestVerificationToken", token!), ("_handler", "adjust"), ("Adjustment.Delta", "-5"), ("Adjustment.Reason", "Support tried")),
            MaxRedirects = 0,
        });
        // Support is never given the form, so the post names a form the page does not have (400); were it given, the handler refuses (403).
        Assert.True(adjust.Status is 400 or 403, $"expected a refusal, got {adjust.Status}");
        Assert.Equal(50, (await api.StockAsync(sku)).GetProperty("onHand").GetInt32());

        var image = await page.APIRequest.PostAsync($"/admin/products/{id}/image", new()
        {
            Multipart = page.APIRequest.CreateFormData().Append("__RequestVerificationToken", token!)
                .Append("image", new FilePayload { Name = "x.png", MimeType = "image/png", Buffer = [0x89, 0x50, 0x4E, 0x47] }),
            MaxRedirects = 0,
        });
        Assert.True(image.Status is 302 or 403, $"expected a refusal, got {image.Status}");
        if (image.Status == 302)
        {
            Assert.Contains("/forbidden", image.Headers["location"], StringComparison.Ordinal);
        }
    }

    private static IFormData Form(IAPIRequestContext request, params (string Name, string Value)[] fields)
    {
        var form = request.CreateFormData();
        foreach (var (fieldName, value) in fields)
        {
            form.Set(fieldName, value);
        }
        return form;
    }
}
