"""Figures for the article "physics-informed-deeponet".

Writes two SVGs to posts/assets/physics-informed-deeponet/:
  architecture.svg  branch/trunk diagram with the physics-informed loss
  predictions.svg   PI-DeepONet predictions vs exact antiderivatives for three unseen inputs

The second figure trains the same model as the companion notebook (full settings, seeded, CPU):
about 10,000 Adam steps, typically one to two minutes.
"""

import itertools

import figure_style
import numpy as np
import torch
from figure_style import output_dir, plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from torch import nn
from torch.func import jvp

OUT = output_dir("physics-informed-deeponet")


def save(fig, name):
    figure_style.save(fig, OUT / name, bbox_inches="tight")
    plt.close(fig)
    print("wrote", OUT / name)


# ----------------------------------------------------------------------------- architecture
def box(ax, xy, w, h, text, color):
    ax.add_patch(FancyBboxPatch(xy, w, h, boxstyle="round,pad=0.02,rounding_size=0.03", fc=color, ec="#333333", lw=1.0))
    ax.text(xy[0] + w / 2, xy[1] + h / 2, text, ha="center", va="center")


def arrow(ax, start, end, style="-|>", color="#333333", ls="-"):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=12, color=color, lw=1.2, linestyle=ls))


def architecture():
    fig, ax = plt.subplots(figsize=(9.8, 4.2))
    ax.set_xlim(0, 10.3)
    ax.set_ylim(0, 4.6)
    ax.axis("off")

    # input function with sensors
    xs = np.linspace(0.2, 2.0, 60)
    ax.plot(xs, 3.55 + 0.35 * np.sin(4 * xs) + 0.1 * np.cos(9 * xs), color="#4c72b0")
    xsens = np.linspace(0.3, 1.9, 6)
    ax.plot(xsens, 3.55 + 0.35 * np.sin(4 * xsens) + 0.1 * np.cos(9 * xsens), "o", ms=4, color="#c44e52")
    ax.text(1.1, 4.25, "input function u(x)", ha="center")
    ax.text(1.1, 2.85, "read at m fixed sensors\nu(x_1), ..., u(x_m)", ha="center", va="center", fontsize=9)

    ax.text(1.1, 1.05, "query point y", ha="center", va="center")
    box(ax, (2.5, 3.05), 1.7, 0.9, "branch net\n(MLP, m -> p)", "#dbe7f5")
    box(ax, (2.5, 0.6), 1.7, 0.9, "trunk net\n(MLP, 1 -> p)", "#f6e3c8")
    arrow(ax, (2.05, 3.5), (2.5, 3.5))
    arrow(ax, (1.75, 1.05), (2.5, 1.05))

    arrow(ax, (4.2, 3.5), (5.75, 2.75))
    arrow(ax, (4.2, 1.05), (5.75, 1.85))
    ax.text(5.0, 3.3, "b_1(u) ... b_p(u)", ha="left", va="bottom", fontsize=9)
    ax.text(5.0, 1.25, "t_1(y) ... t_p(y)", ha="left", va="top", fontsize=9)

    box(ax, (5.75, 1.85), 2.05, 0.9, "dot product\nsum_k b_k t_k + b_0", "#e4f1e1")
    arrow(ax, (7.8, 2.3), (8.1, 2.3))
    ax.text(9.0, 2.3, "G(u)(y) ≈ s(y)", ha="center", va="center", fontsize=11)

    # physics-informed loss
    ax.text(9.0, 3.95, "autograd: dG/dy\n(only the trunk depends on y)", ha="center", va="center", fontsize=9, color="#8c2d04")
    arrow(ax, (9.0, 2.55), (9.0, 3.55), color="#8c2d04", ls="--")
    ax.text(
        9.0,
        0.75,
        "loss = mean (dG/dy - u(y))^2\n+ mean G(u)(0)^2\n(no solution data)",
        ha="center",
        va="center",
        fontsize=9,
        color="#8c2d04",
    )
    arrow(ax, (9.0, 2.05), (9.0, 1.3), color="#8c2d04", ls="--")
    save(fig, "architecture.svg")


# ----------------------------------------------------------------------------- training (as in the notebook)
torch.set_num_threads(1)
SEED = 0
torch.manual_seed(SEED)
rng = np.random.default_rng(SEED)
N_GRID, M_SENSORS, LENGTH_SCALE = 512, 100, 0.2
N_TRAIN, N_TEST, STEPS, BATCH, N_COLLOC = 2000, 200, 10000, 128, 100
grid = np.linspace(0.0, 1.0, N_GRID)
sensors = np.linspace(0.0, 1.0, M_SENSORS)


def sample_grf(n_funcs, length_scale, rng):
    diff = grid[:, None] - grid[None, :]
    cov = np.exp(-0.5 * (diff / length_scale) ** 2)
    eigval, eigvec = np.linalg.eigh(cov)
    root = eigvec * np.sqrt(np.clip(eigval, 0.0, None))
    return (root @ rng.standard_normal((N_GRID, n_funcs))).T


def antiderivative(u_grid):
    dx = grid[1] - grid[0]
    increments = 0.5 * (u_grid[:, 1:] + u_grid[:, :-1]) * dx
    return np.concatenate([np.zeros((len(u_grid), 1)), np.cumsum(increments, axis=1)], axis=1)


def at_points(x, f_grid):
    return np.stack([np.interp(x, grid, f) for f in f_grid])


def mlp(sizes):
    layers = []
    for d_in, d_out in itertools.pairwise(sizes):
        layers += [nn.Linear(d_in, d_out), nn.Tanh()]
    return nn.Sequential(*layers[:-1])


class DeepONet(nn.Module):
    def __init__(self, m, width=64, depth=3, p=64):
        super().__init__()
        self.branch = mlp([m] + [width] * depth + [p])
        self.trunk = nn.Sequential(mlp([1] + [width] * depth + [p]), nn.Tanh())
        self.bias = nn.Parameter(torch.zeros(1))

    def forward(self, u, y):
        return self.branch(u) @ self.trunk(y).T + self.bias

    def forward_with_dy(self, u, y):
        t, dt_dy = jvp(self.trunk, (y,), (torch.ones_like(y),))
        b = self.branch(u)
        return b @ t.T + self.bias, b @ dt_dy.T


def interp_fine(u_fine, y):
    pos = y.squeeze(-1) * (N_GRID - 1)
    lo = pos.floor().long().clamp(max=N_GRID - 2)
    w = pos - lo
    return (1 - w) * u_fine[:, lo] + w * u_fine[:, lo + 1]


def physics_loss(model, u_sensors, u_fine, y):
    _, ds_dy = model.forward_with_dy(u_sensors, y)
    residual = ds_dy - interp_fine(u_fine, y)
    s0 = model(u_sensors, torch.zeros(1, 1))
    return (residual**2).mean(), (s0**2).mean()


def relative_l2(model, U, s_true):
    with torch.no_grad():
        pred = model(U, torch.tensor(sensors, dtype=torch.float32)[:, None]).numpy()
    return np.linalg.norm(pred - s_true, axis=1) / np.linalg.norm(s_true, axis=1), pred


def predictions():
    u_train = sample_grf(N_TRAIN, LENGTH_SCALE, rng)
    u_test = sample_grf(N_TEST, LENGTH_SCALE, rng)
    U_train = torch.tensor(at_points(sensors, u_train), dtype=torch.float32)
    u_train_fine = torch.tensor(u_train, dtype=torch.float32)
    U_test = torch.tensor(at_points(sensors, u_test), dtype=torch.float32)
    s_test = at_points(sensors, antiderivative(u_test))

    model = DeepONet(M_SENSORS)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=STEPS, eta_min=1e-5)
    gen = torch.Generator().manual_seed(SEED)
    for _ in range(STEPS):
        idx = torch.randint(0, N_TRAIN, (BATCH,), generator=gen)
        y = torch.rand(N_COLLOC, 1, generator=gen)
        loss_ode, loss_ic = physics_loss(model, U_train[idx], u_train_fine[idx], y)
        opt.zero_grad()
        (loss_ode + loss_ic).backward()
        opt.step()
        sched.step()

    err, pred = relative_l2(model, U_test, s_test)
    print(f"mean relative L2 test error: {err.mean():.4f}")

    fig, ax = plt.subplots(2, 3, figsize=(10, 4.6), sharex=True)
    for j, k in enumerate([0, 1, 2]):
        ax[0, j].plot(grid[::4], u_test[k][::4], color="#777777", lw=1.2)
        ax[0, j].axhline(0, color="#cccccc", lw=0.6)
        ax[0, j].set_title(f"unseen input {k + 1}: u(x)")
        ax[1, j].plot(sensors[::2], s_test[k][::2], color="#4c72b0", lw=2.2, label="exact s(x)")
        ax[1, j].plot(sensors[::2], pred[k][::2], "--", color="#dd8452", lw=1.6, label="PI-DeepONet")
        ax[1, j].set_title(f"s(x), relative L2 error {err[k]:.3f}")
        ax[1, j].set_xlabel("x")
    ax[1, 0].legend(frameon=False, loc="best")
    fig.suptitle(
        f"Trained without solution data; mean relative L2 error over {N_TEST} test inputs: {err.mean():.4f}", fontsize=10
    )
    fig.tight_layout()
    save(fig, "predictions.svg")


if __name__ == "__main__":
    architecture()
    predictions()
