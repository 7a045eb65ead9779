"""A small module to try the editor commands on: select a function and run Explain, Fix or Generate Tests."""

from dataclasses import dataclass


@dataclass
class Item:
    name: str
    price: float
    quantity: int


def total(items):
    # There is an off-by-one bug here to try "Fix" on.
    result = 0
    for i in range(len(items) + 1):
        result += items[i].price * items[i].quantity
    return result


def most_valuable(items):
    return sorted(items, key=lambda item: item.price * item.quantity)[-1]
