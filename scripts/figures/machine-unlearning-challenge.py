"""Figures for the article "machine-unlearning-challenge".

  loss-histograms  per-example loss, forget vs test, for each model (first seed)
  tradeoff         test accuracy vs membership-inference AUC, mean and std over seeds

The figures are drawn from the results of the companion notebook's experiment (full settings: 5 seeds,
60 epochs, CPU, seeded), stored in machine-unlearning-challenge.results.json; `--rerun` runs it again
(about a minute) and stores its results.

Run from the repository root:  python scripts/figures/machine-unlearning-challenge.py [--out DIR] [--rerun]
"""

import copy

import numpy as np
import torch
from figure_style import main, plt
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from torch import nn

SEEDS = [0, 1, 2, 3, 4]
EPOCHS = 60
UNLEARN_EPOCHS = 5
FORGET_FRACTION = 0.1
PIXEL_NOISE = 0.3
LOSS_BINS = np.linspace(-12, 3, 31)  # log10 of the per-example loss


def noisy_digits():
    X, y = load_digits(return_X_y=True)
    noise = np.random.default_rng(123).standard_normal(X.shape)
    return (X / 16.0 + PIXEL_NOISE * noise).astype(np.float64), y


def make_split(X, y, seed):
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.5, stratify=y, random_state=seed)
    rng = np.random.default_rng(seed)
    forget = np.zeros(len(X_tr), dtype=bool)
    forget[rng.choice(len(X_tr), size=int(FORGET_FRACTION * len(X_tr)), replace=False)] = True

    def tensors(mask_X, mask_y):
        return torch.tensor(mask_X), torch.tensor(mask_y, dtype=torch.long)

    return {
        "train": tensors(X_tr, y_tr),
        "retain": tensors(X_tr[~forget], y_tr[~forget]),
        "forget": tensors(X_tr[forget], y_tr[forget]),
        "test": tensors(X_te, y_te),
    }


def make_model(seed):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))


def batches(n, batch_size, gen):
    perm = torch.randperm(n, generator=gen)
    return [perm[i : i + batch_size] for i in range(0, n, batch_size)]


def fit(model, X, y, epochs, seed, lr=1e-3, batch_size=32):
    gen = torch.Generator().manual_seed(seed)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    steps = 0
    for _ in range(epochs):
        for idx in batches(len(y), batch_size, gen):
            opt.zero_grad()
            loss_fn(model(X[idx]), y[idx]).backward()
            opt.step()
            steps += 1
    return model, steps


def retrain(original, data, seed):
    return fit(make_model(1000 + seed), *data["retain"], EPOCHS, seed=1000 + seed)


def finetune(original, data, seed):
    return fit(copy.deepcopy(original), *data["retain"], UNLEARN_EPOCHS, seed=seed)


def gradient_ascent(original, data, seed, alpha=0.1, lr=1e-3, batch_size=32):
    model = copy.deepcopy(original)
    gen = torch.Generator().manual_seed(seed)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    (X_r, y_r), (X_f, y_f) = data["retain"], data["forget"]
    steps = 0
    for _ in range(UNLEARN_EPOCHS):
        for idx in batches(len(y_r), batch_size, gen):
            f_idx = torch.randint(0, len(y_f), (batch_size,), generator=gen)
            loss = loss_fn(model(X_r[idx]), y_r[idx]) - alpha * loss_fn(model(X_f[f_idx]), y_f[f_idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            steps += 1
    return model, steps


def random_labels(original, data, seed):
    gen = torch.Generator().manual_seed(seed)
    (X_r, y_r), (X_f, y_f) = data["retain"], data["forget"]
    wrong = (y_f + torch.randint(1, 10, y_f.shape, generator=gen)) % 10
    return fit(copy.deepcopy(original), torch.cat([X_r, X_f]), torch.cat([y_r, wrong]), UNLEARN_EPOCHS, seed=seed)


METHODS = {"retrain": retrain, "fine-tune": finetune, "gradient ascent": gradient_ascent, "random labels": random_labels}


@torch.no_grad()
def per_example_loss(model, X, y):
    return nn.functional.cross_entropy(model(X).double(), y, reduction="none").numpy()


@torch.no_grad()
def accuracy(model, X, y):
    return (model(X).argmax(1) == y).float().mean().item()


def mia_auc(model, data, seed):
    loss_f = per_example_loss(model, *data["forget"])
    loss_t = per_example_loss(model, *data["test"])
    features = np.log(np.concatenate([loss_f, loss_t]) + 1e-12)[:, None]
    members = np.r_[np.ones(len(loss_f)), np.zeros(len(loss_t))]
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    attack = LogisticRegression(class_weight="balanced")
    return cross_val_score(attack, features, members, cv=cv, scoring="roc_auc").mean()


def evaluate(model, data, seed):
    return [
        accuracy(model, *data["retain"]),
        accuracy(model, *data["forget"]),
        accuracy(model, *data["test"]),
        mia_auc(model, data, seed),
    ]


def experiment():
    """The notebook's experiment: what the figures show, for each model."""
    torch.set_num_threads(1)
    # float64, as in the notebook: in float32 the third digit of the results changes with the CPU's vector instructions.
    torch.set_default_dtype(torch.float64)
    X, y = noisy_digits()
    results = {name: [] for name in ["original", *METHODS]}
    histograms = {}
    for seed in SEEDS:
        data = make_split(X, y, seed)
        original, train_steps = fit(make_model(seed), *data["train"], EPOCHS, seed=seed)
        models = {"original": (original, train_steps)}
        for name, method in METHODS.items():
            models[name] = method(original, data, seed)
        for name, (model, steps) in models.items():
            results[name].append(evaluate(model, data, seed) + [steps])
            if seed == SEEDS[0]:
                histograms[name] = {part: log_loss_density(model, *data[part]) for part in ("test", "forget")}
    summary = {}
    for name, rows in results.items():
        mean, std = np.mean(rows, axis=0), np.std(rows, axis=0)
        print(
            f"{name:16s} retain {mean[0]:.3f} forget {mean[1]:.3f} test {mean[2]:.3f} MIA AUC {mean[3]:.3f} steps {mean[4]:.0f}"
        )
        summary[name] = {
            "first_seed_auc": rows[0][3],
            "test_accuracy": [mean[2], std[2]],
            "auc": [mean[3], std[3]],
            "steps": mean[4],
            **histograms[name],
        }
    return summary


def log_loss_density(model, X, y):
    density, _ = np.histogram(np.log10(per_example_loss(model, X, y) + 1e-12), bins=LOSS_BINS, density=True)
    return density.tolist()


def loss_histograms(results, text, palette):
    fig, axes = plt.subplots(1, 5, figsize=(13, 2.9), sharey=True)
    for ax, (name, result) in zip(axes, results.items()):
        test_fill = {"facecolor": palette.tint(palette.secondary), "edgecolor": palette.secondary}
        ax.stairs(result["test"], LOSS_BINS, fill=True, linewidth=0.8, label=text["test"], **test_fill)
        ax.stairs(result["forget"], LOSS_BINS, color=palette.categories[3], linewidth=1.8, label=text["forget"])
        ax.set_title(text["histogram_title"].format(model=text[name], auc=result["first_seed_auc"]), fontsize=10)
        ax.set_xlabel(text["histogram_x"])
        ax.spines[["top", "right"]].set_visible(False)
    axes[0].legend(frameon=False, loc="upper left")
    fig.tight_layout()
    return fig


def tradeoff(results, text, palette):
    colors = dict(zip(METHODS, palette.categories), original=palette.secondary)
    fig, ax = plt.subplots(figsize=(9.0, 4.2))
    for (name, result), marker in zip(results.items(), "osDv^"):
        (auc, auc_std), (test_accuracy, test_accuracy_std) = result["auc"], result["test_accuracy"]
        label = text[name] if name == "original" else text["with_steps"].format(model=text[name], steps=result["steps"])
        ax.errorbar(
            auc, test_accuracy, xerr=auc_std, yerr=test_accuracy_std, fmt=marker, ms=7, capsize=3, color=colors[name], label=label
        )
    ax.axvline(0.5, color=palette.secondary, ls="--", lw=1)
    ax.text(0.503, ax.get_ylim()[0] + 0.002, text["chance"], fontsize=8, color=palette.secondary)
    ax.set_xlabel(text["tradeoff_x"])
    ax.set_ylabel(text["tradeoff_y"])
    ax.set_title(text["tradeoff_title"].format(seeds=len(SEEDS)), fontsize=10)
    ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), frameon=False, fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    main(__file__, {"loss-histograms": loss_histograms, "tradeoff": tradeoff}, experiment, stored=True)
