package dev.storefront.simulator.store;

/** Shopify's MoneyBag: the same amount in the shop's currency and in the currency the buyer saw. */
public record MoneyBag(Money shopMoney, Money presentmentMoney) {

    static MoneyBag of(long shopCents, String shopCurrency, PresentmentRate rate) {
        return new MoneyBag(new Money(shopCents, shopCurrency), new Money(rate.convert(shopCents), rate.currencyCode()));
    }
}
